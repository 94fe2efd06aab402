FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
ENV CACHE=/c NPM_CONFIG_CACHE=${CACHE}/npm
RUN --mount=type=cache,target=/app/node_modules npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

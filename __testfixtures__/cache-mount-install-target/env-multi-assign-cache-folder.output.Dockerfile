FROM node:20
ENV CACHE=/var/cache/build
WORKDIR /app
COPY package.json package-lock.json ./
ENV CACHE=/c NPM_CONFIG_CACHE=$CACHE/npm
RUN --mount=type=cache,target=/var/cache/build/npm npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules npm ci --omit=dev
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]

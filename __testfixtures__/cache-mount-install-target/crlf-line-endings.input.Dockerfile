FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules \
    npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

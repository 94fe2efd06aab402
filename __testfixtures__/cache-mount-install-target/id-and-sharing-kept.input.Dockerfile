FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,id=deps,target=/app/node_modules,sharing=locked npm ci
COPY . .
CMD ["node", "server.js"]

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,dst="/app/node_modules" npm ci
COPY . .
CMD ["node", "index.js"]

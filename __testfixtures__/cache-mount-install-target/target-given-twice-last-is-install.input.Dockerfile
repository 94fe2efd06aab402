FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# BuildKit takes the last of target, dst and destination: this mount is on node_modules.
RUN --mount=type=cache,target=/root/.npm,dst=/app/node_modules npm ci
COPY . .
CMD ["node", "index.js"]

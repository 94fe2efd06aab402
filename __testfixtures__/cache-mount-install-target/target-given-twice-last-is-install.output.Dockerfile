FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# BuildKit takes the last of target, dst and destination: this mount is on node_modules.
RUN --mount=type=cache,dst=/root/.npm npm ci
COPY . .
CMD ["node", "index.js"]

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm flock -x /tmp/npm.lock -c 'npm ci --omit=dev'
COPY . .
CMD ["node", "server.js"]

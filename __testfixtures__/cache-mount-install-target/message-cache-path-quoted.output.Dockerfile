FROM node:20
ENV npm_config_cache="/var/cache/npm files"
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target="/var/cache/npm files" npm ci
RUN --mount=type=cache,"target=/var/cache/npm files" npm ci --prefix /app
RUN --mount=type=cache,target="/var/cache/npm files" npm install -g --prefix /opt/tools typescript
COPY . .
CMD ["node", "server.js"]

FROM node:20
ENV npm_config_cache="/var/cache/npm files"
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules npm ci
RUN --mount=type=cache,"target=/app/node_modules" npm ci --prefix /app
RUN --mount=type=cache,target=/opt/tools/lib/node_modules npm install -g --prefix /opt/tools typescript
COPY . .
CMD ["node", "server.js"]

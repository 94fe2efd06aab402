FROM node:20
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules runuser -u node -- npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

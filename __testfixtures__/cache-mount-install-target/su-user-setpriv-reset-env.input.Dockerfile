FROM node:20
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules setpriv --reuid=node --regid=node --init-groups --reset-env npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

FROM node:20
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 setpriv --reuid=node --regid=node --init-groups --reset-env npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

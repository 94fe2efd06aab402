FROM node:20-alpine
RUN apk add --no-cache su-exec
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 su-exec node:node npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

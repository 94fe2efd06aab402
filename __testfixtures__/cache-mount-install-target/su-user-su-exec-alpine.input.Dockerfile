FROM node:20-alpine
RUN apk add --no-cache su-exec
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules su-exec node:node npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

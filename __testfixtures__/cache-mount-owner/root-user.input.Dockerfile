FROM node:20
WORKDIR /app
RUN --mount=type=cache,target=/root/.npm npm ci
USER node
CMD ["node", "server.js"]

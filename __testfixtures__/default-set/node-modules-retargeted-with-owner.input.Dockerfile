FROM node:20-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/app/node_modules npm ci --omit=dev
CMD ["node", "server.js"]

FROM node:20-bookworm-slim
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm npm ci --omit=dev
COPY --chown=node . .
CMD ["node", "server.js"]

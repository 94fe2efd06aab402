FROM node:20
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/app/node_modules npm ci
CMD ["node", "server.js"]

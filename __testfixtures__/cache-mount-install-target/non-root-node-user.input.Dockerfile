FROM node:20
RUN mkdir -p /home/node/app && chown node:node /home/node/app
WORKDIR /home/node/app
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/app/node_modules npm ci
COPY --chown=node:node . .
CMD ["node", "server.js"]

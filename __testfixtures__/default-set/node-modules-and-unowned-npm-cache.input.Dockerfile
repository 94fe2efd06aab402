FROM node:20
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/app/node_modules \
    --mount=type=cache,target=/home/node/.npm \
    npm ci --omit=dev
COPY --chown=node . .
CMD ["node", "server.js"]

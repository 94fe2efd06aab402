FROM node:20
ENV NPM_CONFIG_CACHE=/tmp/npm-cache
COPY --chown=node:node package.json package-lock.json /home/node/app/
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 \
    su --login node --command='cd app && npm ci --omit=dev'
WORKDIR /home/node/app
COPY . .
CMD ["node", "server.js"]

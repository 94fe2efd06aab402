FROM node:20-bookworm-slim
# npm at loglevel http says for each request whether its cache had it
ENV NPM_CONFIG_LOGLEVEL=http NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
ARG CACHE_BUST=0
# npm runs as node, whose cache is /home/node/.npm: root's folder is never used
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci --omit=dev
COPY --chown=node:node server.js ./
CMD ["node", "server.js"]

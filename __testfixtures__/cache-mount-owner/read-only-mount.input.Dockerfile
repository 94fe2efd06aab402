FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,ro npm ci --offline

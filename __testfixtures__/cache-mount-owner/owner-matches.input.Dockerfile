FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci
RUN --mount=type=cache,target=/home/node/.npm,uid=1000 npm run build

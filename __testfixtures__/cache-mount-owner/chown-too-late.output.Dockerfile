FROM node:20
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 \
    su node -c "npm ci" && chown -R node:node /home/node/.npm
RUN --mount=type=cache,target=/home/node/.npm,id=npm2,uid=1000,gid=1000 \
    chown node /home/node && gosu node npm install

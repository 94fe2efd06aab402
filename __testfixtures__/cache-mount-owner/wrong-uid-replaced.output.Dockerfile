FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci
RUN --mount=type=cache,uid=1000,target=/home/node/.npm,gid=1000 npm install --no-save left-pad

FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,mode=0700 npm ci
RUN --mount=type=cache,target=/home/node/.npm,id=ro-npm,uid=1000,gid=1000,mode=0555 npm ci

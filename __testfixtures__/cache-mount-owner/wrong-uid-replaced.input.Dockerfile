FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,uid=0,gid=0 npm ci
RUN --mount=type=cache,uid=1001,target=/home/node/.npm npm install --no-save left-pad

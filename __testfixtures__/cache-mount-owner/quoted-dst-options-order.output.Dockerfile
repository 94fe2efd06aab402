FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=dst="/home/node/.npm",type=cache,id=npm-cache,uid=1000,gid=1000 npm ci
RUN --mount="id=npm2,destination=/home/node/.npm,type=cache,uid=1000,gid=1000" npm ci

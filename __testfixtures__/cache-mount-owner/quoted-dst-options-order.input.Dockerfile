FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=dst="/home/node/.npm",type=cache,id=npm-cache npm ci
RUN --mount="id=npm2,destination=/home/node/.npm,type=cache" npm ci

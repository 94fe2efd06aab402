FROM node:20
RUN apt-get update && apt-get install -y gosu && rm -rf /var/lib/apt/lists/*
WORKDIR /home/node/app
COPY --chown=node . .
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 gosu node npm ci

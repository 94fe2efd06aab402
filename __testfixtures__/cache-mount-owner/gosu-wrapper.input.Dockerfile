FROM node:20
RUN apt-get update && apt-get install -y gosu && rm -rf /var/lib/apt/lists/*
WORKDIR /home/node/app
COPY --chown=node . .
RUN --mount=type=cache,target=/home/node/.npm gosu node npm ci

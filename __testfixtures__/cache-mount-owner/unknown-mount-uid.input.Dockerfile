FROM node:20
ARG UID
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,uid=$UID npm ci

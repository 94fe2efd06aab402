FROM node:20 AS warm
USER node
RUN mkdir -p /home/node/.npm

FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,from=warm,source=/home/node/.npm npm ci

FROM node:20
ARG NPM_CACHE=/home/node/.npm
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=${NPM_CACHE},uid=1000,gid=1000 npm ci

FROM node:20
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,mode=0777 npm ci
RUN --mount=type=cache,target=/home/node/.npm,gid=1000,mode=0775 npm run build
RUN --mount=type=cache,target=/home/node/.npm,sharing=locked,mode=1777 npm test

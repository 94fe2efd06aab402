FROM node:20
RUN apt-get update && apt-get install -y sudo
COPY --chown=node:node package.json package-lock.json /home/node/
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 sudo -iu node npm ci --omit=dev
WORKDIR /home/node
COPY . .
CMD ["node", "server.js"]

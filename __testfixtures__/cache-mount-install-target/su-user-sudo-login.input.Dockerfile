FROM node:20
RUN apt-get update && apt-get install -y sudo
COPY --chown=node:node package.json package-lock.json /home/node/
RUN --mount=type=cache,target=/home/node/node_modules sudo -iu node npm ci --omit=dev
WORKDIR /home/node
COPY . .
CMD ["node", "server.js"]

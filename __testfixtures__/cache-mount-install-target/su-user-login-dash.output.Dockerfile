FROM node:20
COPY --chown=node:node package.json package-lock.json /home/node/app/
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 su - node -c 'cd app && npm ci --omit=dev'
WORKDIR /home/node/app
COPY . .
CMD ["node", "server.js"]

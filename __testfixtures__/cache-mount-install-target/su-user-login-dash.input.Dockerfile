FROM node:20
COPY --chown=node:node package.json package-lock.json /home/node/app/
RUN --mount=type=cache,target=/home/node/app/node_modules su - node -c 'cd app && npm ci --omit=dev'
WORKDIR /home/node/app
COPY . .
CMD ["node", "server.js"]

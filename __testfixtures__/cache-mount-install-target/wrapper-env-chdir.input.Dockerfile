FROM node:20
COPY package.json package-lock.json /srv/app/
RUN --mount=type=cache,target=/srv/app/node_modules env -C /srv/app NODE_ENV=production npm ci
WORKDIR /srv/app
COPY . .
CMD ["node", "server.js"]

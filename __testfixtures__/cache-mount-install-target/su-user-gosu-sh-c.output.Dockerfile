FROM node:20
RUN apt-get update && apt-get install -y gosu
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 gosu node sh -c 'npm ci --omit=dev'
COPY . .
CMD ["node", "server.js"]

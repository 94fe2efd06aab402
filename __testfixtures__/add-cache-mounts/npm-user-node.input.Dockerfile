FROM node:20
USER node
WORKDIR /home/node/app
RUN npm ci --omit=dev && npm cache clean --force

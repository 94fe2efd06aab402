FROM node:20-alpine
WORKDIR /usr/src/app
ONBUILD COPY package*.json ./
ONBUILD RUN --mount=type=cache,target=/usr/src/app/node_modules,sharing=locked ["npm", "ci"]
ONBUILD COPY . .
CMD ["npm", "start"]

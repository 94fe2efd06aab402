FROM node:20
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,destination=/usr/src/app/node_modules npm ci
COPY . .
CMD ["node", "index.js"]

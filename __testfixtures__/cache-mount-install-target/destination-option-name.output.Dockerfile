FROM node:20
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,destination=/root/.npm npm ci
COPY . .
CMD ["node", "index.js"]

FROM node:20
ENV npm_config_cache=/cache
WORKDIR /cache/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/cache/app/node_modules npm ci
CMD ["node", "index.js"]

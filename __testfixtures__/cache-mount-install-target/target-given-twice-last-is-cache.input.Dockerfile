FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# The last target field wins: the mount is on npm's cache, which is right.
RUN --mount=type=cache,dst=/app/node_modules,destination=/root/.npm npm ci
COPY . .
CMD ["node", "index.js"]

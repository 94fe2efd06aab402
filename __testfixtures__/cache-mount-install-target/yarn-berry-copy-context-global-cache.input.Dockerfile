FROM node:22-alpine
WORKDIR /usr/src/app
RUN corepack enable
COPY . .
RUN --mount=type=cache,id=yarn,target=/root/.yarn/berry/cache \
    yarn install --immutable
CMD ["yarn", "node", "server.js"]

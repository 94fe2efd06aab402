FROM node:20-alpine

WORKDIR /app

COPY package.json ./
COPY yarn.lock ./
COPY tsconfig.json ./
COPY src ./src

ENV NODE_ENV=production

RUN corepack enable
RUN --mount=type=cache,target=/root/.yarn YARN_CACHE_FOLDER=/root/.yarn \
    yarn --immutable

CMD sh -c " yarn $EXEC_COMMAND"

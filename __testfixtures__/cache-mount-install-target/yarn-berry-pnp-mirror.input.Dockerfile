FROM node:20-alpine
WORKDIR /app
RUN corepack enable
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/root/.yarn YARN_ENABLE_GLOBAL_CACHE="false" \
    yarn --immutable
COPY tsconfig.json ./
COPY src ./src
CMD ["yarn", "start"]

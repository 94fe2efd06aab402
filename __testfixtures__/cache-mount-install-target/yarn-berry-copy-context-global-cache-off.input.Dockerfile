FROM node:22-slim
WORKDIR /app
RUN corepack enable
COPY . .
RUN --mount=type=cache,target=/root/.yarn/berry/cache \
    YARN_ENABLE_GLOBAL_CACHE=false yarn install --immutable
CMD ["yarn", "start"]

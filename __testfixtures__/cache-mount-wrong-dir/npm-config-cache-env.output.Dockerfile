FROM node:20
ENV npm_config_cache=/tmp/npm-cache
WORKDIR /app
RUN --mount=type=cache,target=/tmp/npm-cache npm ci

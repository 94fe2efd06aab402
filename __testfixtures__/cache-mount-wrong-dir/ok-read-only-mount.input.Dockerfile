FROM node:20
ENV npm_config_cache=/npmc
WORKDIR /app
RUN --mount=type=cache,target=/root/.npm,ro npm ci

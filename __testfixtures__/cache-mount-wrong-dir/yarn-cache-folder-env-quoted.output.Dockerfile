FROM node:20
ENV YARN_CACHE_FOLDER=/yarn-cache
WORKDIR /app
RUN --mount=type=cache,target="/yarn-cache" yarn install --frozen-lockfile

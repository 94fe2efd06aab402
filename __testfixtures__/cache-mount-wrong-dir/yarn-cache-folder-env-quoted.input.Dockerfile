FROM node:20
ENV YARN_CACHE_FOLDER=/yarn-cache
WORKDIR /app
RUN --mount=type=cache,target="/usr/local/share/.cache/yarn" yarn install --frozen-lockfile

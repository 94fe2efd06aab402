FROM node:22-slim
WORKDIR /opt/ui
COPY . .
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile
RUN --mount=type=cache,target=/opt/ui/dist \
    yarn vite build --config vite.config.js --clearScreen false
COPY entrypoint.sh /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]

FROM node:20
WORKDIR /app
RUN --mount=type=cache,target=/app/node_modules \
    --mount=type=cache,target=/root/.cache/yarn \
    yarn install --frozen-lockfile
CMD ["node", "index.js"]

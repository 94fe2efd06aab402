FROM docker.io/oven/bun:1.0.4-alpine

WORKDIR /app

COPY . .

RUN \
  --mount=type=cache,target=/root/.bun/install/cache \
  bun install

ENV NODE_ENV="production"

ENTRYPOINT [ "bun", "run", "/app/src/main.ts"]

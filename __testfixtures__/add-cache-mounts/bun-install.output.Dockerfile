FROM oven/bun:1
WORKDIR /app
RUN --mount=type=cache,target=/root/.bun/install/cache bun install --frozen-lockfile

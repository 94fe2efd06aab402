# syntax = docker/dockerfile:1
FROM oven/bun:1.2-slim AS build
WORKDIR /app
COPY bun.lockb package.json ./
RUN --mount=type=cache,id=bun,target=/root/.bun \
    bun install
COPY . .
RUN bun run build

FROM oven/bun:1.2-slim
COPY --from=build /app /app
WORKDIR /app
CMD [ "bun", "run", "start" ]

FROM oven/bun:1.2-alpine AS js
WORKDIR /src
COPY package.json bun.lock ./
RUN --mount=type=cache,target=/root/.bun/install/cache bun install --frozen-lockfile
COPY . .

FROM js AS build
RUN bun run build

FROM js AS test
RUN --mount=type=cache,target=/root/.bun/install/cache bun add -d happy-dom
RUN bun run test

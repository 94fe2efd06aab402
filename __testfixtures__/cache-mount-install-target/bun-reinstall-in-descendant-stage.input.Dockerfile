FROM oven/bun:1.2-alpine AS js
WORKDIR /src
COPY package.json bun.lock ./
RUN --mount=type=cache,target=/src/node_modules bun install --frozen-lockfile
COPY . .

FROM js AS build
RUN --mount=type=cache,target=/src/node_modules bun run build

FROM js AS test
RUN --mount=type=cache,target=/src/node_modules bun add -d happy-dom
RUN --mount=type=cache,target=/src/node_modules bun run test

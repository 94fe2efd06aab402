FROM node:20-slim AS build
RUN corepack enable
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/node_modules \
    pnpm config set store-dir /pnpm-store && pnpm install --frozen-lockfile
RUN pnpm run build

FROM node:20-slim AS other
RUN corepack enable
WORKDIR /srv
COPY . .
RUN --mount=type=cache,target=/srv/node_modules pnpm install --prod && pnpm config set store-dir /later
CMD ["node", "server.js"]

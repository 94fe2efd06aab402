FROM node:20-slim AS build
RUN corepack enable
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/pnpm-store \
    pnpm config set store-dir /pnpm-store && pnpm install --frozen-lockfile
RUN pnpm run build

FROM node:20-slim AS other
RUN corepack enable
WORKDIR /srv
COPY . .
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --prod && pnpm config set store-dir /later
CMD ["node", "server.js"]

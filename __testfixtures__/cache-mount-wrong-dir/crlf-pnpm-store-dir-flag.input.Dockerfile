FROM node:20
WORKDIR /app
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --store-dir /pnpm-store --frozen-lockfile

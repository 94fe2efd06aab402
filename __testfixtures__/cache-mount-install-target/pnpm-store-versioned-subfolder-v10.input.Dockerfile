FROM node:22 AS deps
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.local/share/pnpm/store/v10 --mount=type=cache,target=/app/node_modules,id=nm \
    corepack enable && pnpm install --frozen-lockfile --store-dir /root/.local/share/pnpm/store

FROM deps AS build
COPY . .
RUN pnpm run build

FROM node:20-slim
RUN corepack enable && pnpm config set --global store-dir .pnpm-store
WORKDIR /workspace
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/workspace/.pnpm-store pnpm install --frozen-lockfile
COPY . .
CMD ["pnpm", "start"]

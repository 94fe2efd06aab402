FROM node:20-slim
RUN corepack enable
WORKDIR /app
RUN echo "store-dir=/root/.pnpm-store" >> .npmrc
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.pnpm-store \
    --mount=type=cache,target=/app/node_modules \
    pnpm install --frozen-lockfile
COPY . .
CMD ["pnpm", "start"]

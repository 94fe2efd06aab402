FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/node_modules npm i -g pnpm && pnpm install -g turbo && pnpm install

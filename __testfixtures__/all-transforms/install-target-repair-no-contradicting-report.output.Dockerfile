FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.local/share/pnpm/store npm i -g pnpm && pnpm install -g turbo && pnpm install

FROM node:20-alpine AS builder
ENV PNPM_HOME="/pnpm"
ENV PATH="$PNPM_HOME:$PNPM_HOME/bin:$PATH"
RUN corepack enable pnpm
RUN --mount=type=cache,target=/pnpm/global \
    pnpm install --global turbo
WORKDIR /app
COPY . .
RUN turbo prune web --docker

FROM node:20
ENV PNPM_HOME=/pnpm
WORKDIR /app
RUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile || true

FROM node:20
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN corepack enable
WORKDIR /app
RUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile

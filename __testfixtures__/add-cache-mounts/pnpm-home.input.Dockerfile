FROM node:20
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN corepack enable
WORKDIR /app
RUN pnpm install --frozen-lockfile

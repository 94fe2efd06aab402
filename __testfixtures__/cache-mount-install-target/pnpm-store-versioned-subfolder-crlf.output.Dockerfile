FROM node:20-slim
ENV PNPM_HOME=/pnpm
RUN corepack enable
WORKDIR /app
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store/v3 \
    pnpm install --frozen-lockfile
CMD ["pnpm", "start"]

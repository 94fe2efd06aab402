FROM node:22-slim
ENV PNPM_HOME=/pnpm
ENV PATH=$PNPM_HOME:$PATH
RUN corepack enable && corepack prepare pnpm@10.4.1 --activate
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm add -g turbo@2
WORKDIR /app
COPY . .
RUN --mount=type=cache,id=pnpm-store,target=/pnpm/store pnpm install --frozen-lockfile && turbo run build
CMD ["pnpm", "start"]

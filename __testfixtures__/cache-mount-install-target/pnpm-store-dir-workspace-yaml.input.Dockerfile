FROM node:22-alpine
RUN corepack enable
WORKDIR /repo
COPY pnpm-workspace.yaml package.json pnpm-lock.yaml ./
RUN printf 'storeDir: /var/cache/pnpm\n' >> pnpm-workspace.yaml
RUN --mount=type=cache,target=/repo/node_modules pnpm install --frozen-lockfile
CMD ["node", "main.js"]

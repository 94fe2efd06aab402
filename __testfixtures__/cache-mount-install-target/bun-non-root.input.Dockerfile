FROM oven/bun:1.2
USER bun
COPY --chown=bun:bun package.json bun.lock ./
RUN --mount=type=cache,target=/home/bun/app/node_modules bun install --frozen-lockfile
COPY --chown=bun:bun . .
CMD ["bun", "run", "index.ts"]

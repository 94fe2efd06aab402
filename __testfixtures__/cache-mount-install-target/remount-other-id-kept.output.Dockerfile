# The second RUN mounts the same folder under another cache id: it never saw
# what the first RUN installed (BuildKit keys a cache by its id, which defaults
# to the target), so it is not a reader of that cache and keeps its mount.
FROM node:20
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile
RUN --mount=type=cache,id=tools,target=/app/node_modules node scripts/check.js

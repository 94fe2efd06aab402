FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules \
    npm ci && cp -a node_modules /tmp/node_modules

FROM deps AS app
COPY --from=deps /tmp/node_modules /app/node_modules
COPY . .
RUN node_modules/.bin/tsc -p . && npm prune --omit=dev
CMD ["node", "dist/index.js"]

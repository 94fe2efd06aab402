FROM codemod-e2e/node:bookworm
# npm keeps its cache where npm_config_cache says, not in /root/.npm
ENV npm_config_cache=/var/cache/npm
WORKDIR /app
COPY package.json package-lock.json ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/var/cache/npm npm ci --omit=dev
COPY server.js ./
CMD ["node", "server.js"]

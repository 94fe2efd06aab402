FROM codemod-e2e/node:bookworm
WORKDIR /app
COPY package.json package-lock.json ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
COPY server.js ./
CMD ["node", "server.js"]

FROM codemod-e2e/node:bookworm
ENV PNPM_HOME="/pnpm"
ENV PATH="$PNPM_HOME:$PATH"
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile
COPY index.js ./
CMD ["node", "index.js"]

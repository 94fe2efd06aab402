FROM codemod-e2e/node:bookworm
RUN groupadd --gid 1001 app \
 && useradd --uid 1001 --gid app --create-home app
USER app
WORKDIR /home/app
COPY package.json package-lock.json ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/home/app/.npm,uid=1001,gid=1001 npm ci --omit=dev
COPY server.js ./
CMD ["node", "server.js"]

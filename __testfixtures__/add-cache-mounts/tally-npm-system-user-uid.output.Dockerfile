FROM node:22-alpine
RUN addgroup --system --gid 1001 nodejs
RUN adduser --system --uid 1001 nodejs
USER nodejs
WORKDIR /app
COPY --chown=nodejs:nodejs package.json package-lock.json ./
RUN --mount=type=cache,target=/home/nodejs/.npm,uid=1001 npm ci --omit=dev

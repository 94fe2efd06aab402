FROM node:22-alpine
RUN addgroup --system --gid 1001 nodejs
RUN adduser --system --uid 1001 nodejs
USER nodejs
WORKDIR /app
COPY --chown=nodejs:nodejs package.json package-lock.json ./
RUN npm ci --omit=dev

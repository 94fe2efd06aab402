FROM node:20 AS ui
WORKDIR /ui
COPY package.json package-lock.json ./
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci && npm run build

FROM node:20-slim
WORKDIR /srv
COPY --from=ui /ui/node_modules ./node_modules
COPY --from=ui /ui/dist ./dist
CMD ["node", "dist/server.js"]

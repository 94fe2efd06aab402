# syntax=docker/dockerfile:1
FROM node:24-slim AS builder
WORKDIR /app
COPY . .
RUN corepack enable
RUN --mount=type=cache,target=/root/.yarn \
    yarn install

RUN yarn build

FROM node:24-alpine
WORKDIR /usr/src/app
COPY --from=builder /app/dist ./dist
COPY --from=builder /app/node_modules ./node_modules
CMD ["node", "dist/main.js"]

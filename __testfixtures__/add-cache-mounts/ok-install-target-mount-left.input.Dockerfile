FROM node:20
WORKDIR /app
RUN --mount=type=cache,target=/app/node_modules npm ci

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules npm ci

FROM node:20 AS lint
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/node_modules npm run lint

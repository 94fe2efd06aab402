# syntax=docker/dockerfile:1
FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules <<EOF
set -e
npm ci
npm ls --depth=0
EOF
COPY . .
CMD ["node", "index.js"]

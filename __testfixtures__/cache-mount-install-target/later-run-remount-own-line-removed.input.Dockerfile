FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules \
    npm ci
COPY src ./src
RUN --mount=type=bind,source=tsconfig.json,target=tsconfig.json \
    --mount=type=cache,target=/app/node_modules \
    npm run build
CMD ["node", "dist/server.js"]

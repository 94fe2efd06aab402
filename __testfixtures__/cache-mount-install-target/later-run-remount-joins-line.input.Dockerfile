FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules npm ci
COPY . .
RUN --mount=type=cache,target=/app/node_modules \
    npm run build
RUN --mount=type=cache,target=/app/node_modules \
    # lint too
    npm run lint
CMD ["node", "dist/server.js"]

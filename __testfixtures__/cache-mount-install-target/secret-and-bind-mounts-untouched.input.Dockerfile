FROM node:20
WORKDIR /app
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=bind,source=package.json,target=package.json \
    --mount=type=bind,source=package-lock.json,target=package-lock.json \
    --mount=type=cache,target=/app/node_modules \
    npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    --mount=type=cache,target=node_modules/.cache \
    npm install && npm run build
CMD ["node", "build/server.js"]

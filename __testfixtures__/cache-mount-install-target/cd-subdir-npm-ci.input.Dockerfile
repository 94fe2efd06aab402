FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/frontend/node_modules \
    cd frontend && npm ci
CMD ["node", "frontend/server.js"]

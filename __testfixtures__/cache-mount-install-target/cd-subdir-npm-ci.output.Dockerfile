FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    cd frontend && npm ci
CMD ["node", "frontend/server.js"]

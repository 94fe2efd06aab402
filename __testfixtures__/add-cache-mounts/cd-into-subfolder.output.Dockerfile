FROM node:20
WORKDIR /repo
COPY . .
RUN --mount=type=cache,target=/root/.npm cd frontend && npm ci && npm run build

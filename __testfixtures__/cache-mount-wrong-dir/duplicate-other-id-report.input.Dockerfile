FROM node:20
WORKDIR /app
RUN --mount=type=cache,target=/root/.npm,id=a --mount=type=cache,target=/root/.npm,id=b npm ci

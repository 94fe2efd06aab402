FROM node:20
WORKDIR /app
RUN --mount=type=bind,target=/root/.npm npm ci && npm cache clean --force

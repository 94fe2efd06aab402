FROM node:20-bookworm-slim
RUN --mount=type=cache,target=/var/lib \
    --mount=type=cache,target=/var/cache/apt \
    apt-get update && apt-get install -y --no-install-recommends python3 make g++
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/app/node_modules \
    --mount=type=cache,target=/home/node/.npm \
    npm ci
CMD ["node", "index.js"]

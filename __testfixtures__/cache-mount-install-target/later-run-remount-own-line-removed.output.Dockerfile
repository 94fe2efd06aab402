FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci
COPY src ./src
RUN --mount=type=bind,source=tsconfig.json,target=tsconfig.json \
    npm run build
CMD ["node", "dist/server.js"]

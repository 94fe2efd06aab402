FROM node:20-slim
WORKDIR /app
ONBUILD COPY package.json package-lock.json ./
ONBUILD RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev
ONBUILD COPY . .
CMD ["node", "index.js"]

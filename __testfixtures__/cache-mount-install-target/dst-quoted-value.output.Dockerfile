FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,dst="/root/.npm" npm ci
COPY . .
CMD ["node", "index.js"]

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN echo "--mount=type=cache,target=/app/node_modules" && npm ci
COPY . .
CMD ["node", "server.js"]

FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules timeout -s KILL 10m nice -n 5 npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

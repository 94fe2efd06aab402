FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm timeout -s KILL 10m nice -n 5 npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

FROM node:20
ARG APP_USER
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules su "$APP_USER" -c 'npm ci --omit=dev'
COPY . .
CMD ["node", "server.js"]

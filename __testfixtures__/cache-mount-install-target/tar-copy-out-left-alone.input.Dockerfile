FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules \
    npm ci --omit=dev && tar -C /app -cf /opt/node_modules.tar node_modules
CMD ["sh", "-c", "tar -xf /opt/node_modules.tar && node server.js"]

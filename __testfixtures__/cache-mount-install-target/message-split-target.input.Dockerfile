FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node\
_modules npm ci
CMD ["node", "index.js"]

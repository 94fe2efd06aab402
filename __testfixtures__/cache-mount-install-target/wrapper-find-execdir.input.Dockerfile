FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/packages/web/node_modules find packages -name package.json -maxdepth 2 -execdir npm ci \;
CMD ["node", "packages/web/server.js"]

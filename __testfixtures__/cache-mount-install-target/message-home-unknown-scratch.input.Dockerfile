FROM scratch AS tools
COPY --from=node:20-slim / /
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules ["/usr/local/bin/npm", "ci"]

FROM node:20 AS test
WORKDIR /app
COPY . .
RUN --mount=type=cache,id=deps,target=/app/node_modules npm ci && npm test > /report.txt

FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci
COPY --from=test /report.txt /report.txt
CMD ["node", "server.js"]

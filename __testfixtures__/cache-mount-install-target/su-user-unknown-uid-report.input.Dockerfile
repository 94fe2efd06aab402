FROM debian:bookworm
RUN apt-get update && apt-get install -y nodejs npm && useradd --create-home app
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules su app -c 'npm ci --omit=dev'
COPY . .
CMD ["node", "server.js"]

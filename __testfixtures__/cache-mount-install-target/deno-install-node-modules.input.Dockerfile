FROM denoland/deno:2.1.4
WORKDIR /app
COPY deno.json deno.lock package.json ./
RUN --mount=type=cache,target=/app/node_modules deno install
COPY . .
CMD ["deno", "run", "-A", "main.ts"]

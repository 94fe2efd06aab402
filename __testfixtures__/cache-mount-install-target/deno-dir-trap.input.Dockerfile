FROM denoland/deno:2.1.4
WORKDIR /app
USER deno
COPY deps.ts .
RUN --mount=type=cache,target=/deno-dir deno cache deps.ts
COPY . .
CMD ["run", "--allow-net", "main.ts"]

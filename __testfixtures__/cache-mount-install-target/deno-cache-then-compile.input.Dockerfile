FROM denoland/deno:2.1.4
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/deno-dir \
    deno cache main.ts && deno compile --allow-net -o /usr/local/bin/server main.ts
ENTRYPOINT ["/usr/local/bin/server"]

FROM denoland/deno:2.1.4 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/bin \
    deno compile --allow-net -o /app/bin/server main.ts

FROM gcr.io/distroless/cc
COPY --from=build /app/bin/server /server
ENTRYPOINT ["/server"]

FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt \
    --mount=type=cache,target=/var/lib/apt,sharing=shared \
    apt-get update && apt-get install -y curl

FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt-cacher-ng,id=acng \
    --mount=type=cache,target=/opt/var/cache/apt \
    --mount=type=cache,target=/var/lib/aptly \
    apt-get update && apt-get install -y curl

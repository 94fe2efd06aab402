FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt,ro \
    --mount=type=cache,target=/var/cache/apt,readonly=true \
    apt-get install -y --no-download curl

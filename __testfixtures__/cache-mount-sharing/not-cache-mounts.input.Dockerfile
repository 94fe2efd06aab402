FROM debian:bookworm
RUN --mount=type=tmpfs,target=/var/cache/apt \
    --mount=type=bind,from=lists,source=/var/lib/apt,target=/var/lib/apt \
    apt-get install -y curl

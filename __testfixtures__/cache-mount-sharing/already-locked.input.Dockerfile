FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,sharing=locked,target=/var/lib/apt \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=LOCKED,id=lists \
    apt-get update && apt-get install -y curl

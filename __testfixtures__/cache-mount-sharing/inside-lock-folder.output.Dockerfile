FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt/archives/partial,id=apt-partial,sharing=locked \
    apt-get update && apt-get install -y curl

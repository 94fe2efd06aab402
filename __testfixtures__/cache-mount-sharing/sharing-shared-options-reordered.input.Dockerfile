FROM ubuntu:24.04
RUN --mount=sharing=shared,target=/var/lib/apt,type=cache \
    --mount=id=apt-cache,type=cache,sharing=shared,target=/var/cache/apt \
    apt-get update && apt-get install -y curl

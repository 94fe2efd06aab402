FROM ubuntu:24.04
RUN --mount=sharing=locked,target=/var/lib/apt,type=cache \
    --mount=id=apt-cache,type=cache,sharing=locked,target=/var/cache/apt \
    apt-get update && apt-get install -y curl

FROM debian:bookworm AS builder
RUN --mount=type=cache,target=/var/lib/dpkg/info,id=dpkg-info \
    apt-get install -y curl

FROM ubuntu:22.04
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; apt update -y && apt install -y --no-install-recommends ca-certificates wget
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt install -y llvm
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt install -y --no-install-recommends clang make && \
    rm -rf /var/lib/apt/lists/*

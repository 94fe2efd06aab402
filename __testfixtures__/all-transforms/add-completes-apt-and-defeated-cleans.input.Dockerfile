FROM ubuntu:24.04
RUN --mount=type=cache,target=/var/cache/apt \
    apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists/*

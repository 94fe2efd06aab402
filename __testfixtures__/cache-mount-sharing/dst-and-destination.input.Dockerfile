FROM debian:bookworm
RUN --mount=type=cache,dst=/var/cache/apt/archives,id=debs \
    --mount=type=cache,destination=/var/lib/apt/lists,id=lists \
    apt-get update && apt-get install -y git

FROM debian:bookworm
RUN --mount=type=cache,dst=/var/cache/apt/archives,id=debs,sharing=locked \
    --mount=type=cache,destination=/var/lib/apt/lists,id=lists,sharing=locked \
    apt-get update && apt-get install -y git

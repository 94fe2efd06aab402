FROM debian:bookworm
ARG APT_DIR
ARG MODE
RUN --mount=type=cache,target=$APT_DIR \
    --mount=type=cache,target=/var/lib/apt,sharing=$MODE \
    apt-get update && apt-get install -y curl

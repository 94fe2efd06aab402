FROM debian:bookworm
RUN --mount=type=tmpfs,target=/var/cache/apt \
    --mount=type=cache,target=/root/.ccache \
    --mount=type=bind,source=scripts,target=/scripts \
    apt-get update && apt-get install -y build-essential ccache && /scripts/build.sh

FROM debian:bookworm
ARG APT_CACHE=/var/cache/apt
ENV APT_STATE=/var/lib/apt
RUN --mount=type=cache,target=${APT_CACHE},sharing=locked \
    --mount=type=cache,target=$APT_STATE,sharing=locked \
    apt-get update && apt-get install -y curl

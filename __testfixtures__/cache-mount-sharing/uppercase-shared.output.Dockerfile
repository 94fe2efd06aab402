FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update

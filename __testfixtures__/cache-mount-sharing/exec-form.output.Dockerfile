FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt,sharing=locked ["apt-get", "update"]
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked ["apt-get", "install", "-y", "curl"]

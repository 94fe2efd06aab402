FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt ["apt-get", "update"]
RUN --mount=type=cache,target=/var/cache/apt ["apt-get", "install", "-y", "curl"]

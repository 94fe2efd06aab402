FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt,sharing=SHARED apt-get update

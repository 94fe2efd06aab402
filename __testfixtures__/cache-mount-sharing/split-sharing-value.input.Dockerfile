FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/apt,sharing=sha\
red apt-get update

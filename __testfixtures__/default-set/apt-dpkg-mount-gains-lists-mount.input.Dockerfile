FROM debian:bookworm
RUN --mount=type=cache,target=/var/lib/dpkg,sharing=shared \
    apt-get update && apt-get install -y --no-install-recommends make
CMD ["make", "--version"]

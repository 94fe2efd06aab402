FROM ubuntu:24.04
RUN --mount=type=cache,target=/var/lib \
    apt-get update && apt-get install -y --no-install-recommends ca-certificates curl
CMD ["curl", "--version"]

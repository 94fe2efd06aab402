FROM ubuntu:24.04
RUN --mount=type=cache,target=/var/lib,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends ca-certificates curl
CMD ["curl", "--version"]

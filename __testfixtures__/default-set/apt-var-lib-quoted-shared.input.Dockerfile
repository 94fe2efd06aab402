FROM debian:bookworm-slim
RUN --mount=type=cache,sharing=shared,target="/var/lib",id=varlib \
    apt-get update && apt-get install -y --no-install-recommends git
CMD ["git", "--version"]

FROM debian:bookworm-slim
RUN --mount=type=cache,sharing=locked,target="/var/cache/apt",id=varlib \
    apt-get update && apt-get install -y --no-install-recommends git
CMD ["git", "--version"]

# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt <<EOT
set -eux
apt-get update
apt-get install -y --no-install-recommends ca-certificates
EOT

# syntax=docker/dockerfile:1
FROM ubuntu:24.04
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked <<EOF
#!/bin/sh
set -e
apt-get update
apt-get install -y curl
EOF

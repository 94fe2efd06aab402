FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache/apk apk add curl
RUN --mount=type=cache,target=/root/.cache/pip pip install requests

FROM fedora:40
RUN --mount=type=cache,target=/var/cache/dnf dnf install -y gcc
RUN --mount=type=cache,target=/var/cache/yum,sharing=shared yum install -y make

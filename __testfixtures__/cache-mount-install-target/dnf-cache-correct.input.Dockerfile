FROM rockylinux:9
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked \
    dnf install -y --setopt=keepcache=1 gcc make
RUN --mount=type=cache,target=/var/cache/yum \
    microdnf install -y git

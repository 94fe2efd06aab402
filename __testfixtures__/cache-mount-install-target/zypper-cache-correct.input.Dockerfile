FROM opensuse/tumbleweed
RUN --mount=type=cache,id=zypp,target=/var/cache/zypp \
    zypper --non-interactive install --no-recommends gcc git

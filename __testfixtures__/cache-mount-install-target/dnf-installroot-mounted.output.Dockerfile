FROM fedora:40 AS build
RUN --mount=type=cache,target=/sysroot/var/cache/dnf \
    dnf --installroot=/sysroot --releasever=40 --setopt=install_weak_deps=False \
      install -y glibc-minimal-langpack coreutils-single

FROM scratch
COPY --from=build /sysroot /
CMD ["/usr/bin/ls"]

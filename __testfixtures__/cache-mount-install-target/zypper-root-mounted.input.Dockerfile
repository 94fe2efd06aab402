FROM opensuse/leap:15.6 AS build
RUN --mount=type=cache,target=/rootfs \
    zypper --non-interactive --root /rootfs install --no-recommends bash coreutils

FROM scratch
COPY --from=build /rootfs /
CMD ["/bin/bash"]

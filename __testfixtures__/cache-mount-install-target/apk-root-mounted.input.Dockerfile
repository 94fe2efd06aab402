FROM alpine:3.20 AS rootfs
RUN --mount=type=cache,target=/rootfs \
    apk add --root /rootfs --initdb --no-cache --keys-dir /etc/apk/keys \
      --repositories-file /etc/apk/repositories busybox ca-certificates

FROM scratch
COPY --from=rootfs /rootfs /
CMD ["/bin/sh"]

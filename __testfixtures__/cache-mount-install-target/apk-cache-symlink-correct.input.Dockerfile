FROM alpine:3.20
RUN ln -s /var/cache/apk /etc/apk/cache
RUN --mount=type=cache,target=/var/cache/apk,sharing=locked \
    --mount=type=cache,target=/etc/apk/cache \
    apk add --update git openssh-client
ENTRYPOINT ["git"]

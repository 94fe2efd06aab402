FROM alpine:3.20
RUN --mount=type=cache,target=/var/cache \
    apk add --no-progress git openssh-client

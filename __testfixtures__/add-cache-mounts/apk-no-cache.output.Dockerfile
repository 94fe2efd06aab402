FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache apk add curl git

FROM python:3.14-alpine
RUN --mount=type=cache,target=/etc/apk/cache apk update \
    && apk add g++ linux-headers \
    && rm -rf /var/cache/apk/*

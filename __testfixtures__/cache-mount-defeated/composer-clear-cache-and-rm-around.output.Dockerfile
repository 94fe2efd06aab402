FROM composer:2
WORKDIR /app
RUN --mount=type=cache,target=/tmp/cache composer install && rm -rf /tmp/*

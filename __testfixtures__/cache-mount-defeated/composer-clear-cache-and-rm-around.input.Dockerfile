FROM composer:2
WORKDIR /app
RUN --mount=type=cache,target=/tmp/cache composer install && composer clear-cache && rm -rf /tmp/*

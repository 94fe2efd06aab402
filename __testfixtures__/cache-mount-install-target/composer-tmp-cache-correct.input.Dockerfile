# syntax=docker/dockerfile:1
FROM composer:lts AS deps
WORKDIR /app
RUN --mount=type=bind,source=composer.json,target=composer.json \
    --mount=type=bind,source=composer.lock,target=composer.lock \
    --mount=type=cache,target=/tmp/cache \
    composer install --no-dev --no-interaction

FROM php:8.3-apache AS final
COPY --from=deps app/vendor/ /var/www/html/vendor
COPY ./src /var/www/html

# syntax=docker/dockerfile:1
FROM composer:2 AS deps
WORKDIR /app
COPY composer.json composer.lock ./
RUN --mount=type=cache,target=/tmp/cache \
    composer install --no-dev --no-interaction --prefer-dist

FROM php:8.3-apache
COPY --from=deps /app/vendor /var/www/html/vendor
COPY . /var/www/html

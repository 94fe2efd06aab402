FROM composer:2
WORKDIR /app
RUN --mount=type=cache,target=/root/.composer/cache composer install --no-dev --no-scripts

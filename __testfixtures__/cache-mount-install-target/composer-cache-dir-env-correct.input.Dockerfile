FROM php:8.3-fpm
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
ENV COMPOSER_CACHE_DIR=/cache/composer
WORKDIR /var/www
COPY composer.json composer.lock ./
RUN --mount=type=cache,target=/cache/composer,sharing=locked composer install --no-dev --no-autoloader
COPY . .
RUN composer dump-autoload --optimize

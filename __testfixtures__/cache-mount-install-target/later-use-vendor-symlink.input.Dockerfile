FROM php:8.3-cli AS app
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /app
COPY composer.json composer.lock ./
RUN --mount=type=cache,target=/app/vendor \
    composer install --no-dev --no-scripts && cp -r vendor _vendor
COPY . .
RUN rm -rf vendor && ln -s _vendor vendor
RUN php artisan config:cache && php vendor/bin/phpunit --version
CMD ["php", "artisan", "serve"]

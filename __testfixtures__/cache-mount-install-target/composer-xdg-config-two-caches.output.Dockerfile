FROM php:8.3-cli
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
COPY auth.json /root/.config/composer/auth.json
WORKDIR /app
COPY composer.json composer.lock ./
RUN --mount=type=cache,target=/root/.composer/cache --mount=type=cache,target=/root/.cache/composer composer install --no-dev
COPY . .
CMD ["php", "server.php"]

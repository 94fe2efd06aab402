FROM php:8.3-cli
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /srv/app
COPY composer.json composer.lock ./
RUN --mount=type=cache,target=/srv/app/vendor \
    composer install --no-dev && cp -a /srv/app/vendor /opt/vendor
RUN ln -sfn /opt/vendor /srv/app/vendor && php /srv/app/vendor/bin/doctrine --version
CMD ["php", "public/index.php"]

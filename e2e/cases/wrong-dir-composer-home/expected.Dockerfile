FROM codemod-e2e/composer:latest
# COMPOSER_HOME as in the composer image, spelled out: the codemod knows composer:*, not this
# image. Composer's cache is then $COMPOSER_HOME/cache, not root's ~/.composer/cache.
ENV COMPOSER_HOME=/tmp
WORKDIR /app
COPY composer.json composer.lock ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/tmp/cache composer install --no-dev --no-interaction
CMD ["ls", "vendor"]

FROM composer:2
RUN --mount=type=cache,target=/tmp composer global require phpstan/phpstan:^1.11
ENV PATH=/tmp/vendor/bin:$PATH
ENTRYPOINT ["phpstan"]

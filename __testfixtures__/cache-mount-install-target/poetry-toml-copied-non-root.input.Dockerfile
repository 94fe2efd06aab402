ARG UID=1000
FROM python:3.13-alpine
ARG UID
ENV POETRY_CACHE_DIR="/home/app/.cache/pypoetry"
RUN adduser -S -h /home/app -u ${UID} app && pip install poetry
WORKDIR /home/app
USER app
COPY --chown=app poetry.lock poetry.toml pyproject.toml ./
RUN --mount=type=cache,target=${POETRY_CACHE_DIR},uid=${UID} \
    poetry install --no-root --only main
COPY --chown=app src src
CMD ["/home/app/.venv/bin/python", "-m", "src"]

FROM python:3.12
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/root/.cache/pypoetry/cache --mount=type=cache,target=/root/.cache/pypoetry/artifacts pip install poetry && poetry install --no-root

FROM python:3.12
ENV POETRY_VIRTUALENVS_IN_PROJECT=true
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pypoetry poetry install --no-root

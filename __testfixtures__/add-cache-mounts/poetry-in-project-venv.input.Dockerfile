FROM python:3.12
ENV POETRY_VIRTUALENVS_IN_PROJECT=true
WORKDIR /app
RUN poetry install --no-root

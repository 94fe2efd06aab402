FROM python:3.12-slim AS base
RUN groupadd -g 1001 app && useradd -m -u 1001 -g app app
ENV VIRTUAL_ENV=/home/app/.venv
USER app
WORKDIR /home/app/src
ONBUILD COPY requirements.txt .
onbuild run --mount=type=cache,target=/home/app/.venv \
    python -m venv /home/app/.venv && /home/app/.venv/bin/pip install -r requirements.txt

FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
ARG marimo_version=0.9.0
RUN uv pip install --system --no-cache-dir marimo==${marimo_version} && \
    uv pip install --system --no-cache-dir altair
WORKDIR /app
RUN uv --no-cache-dir sync --locked

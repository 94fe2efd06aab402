FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
ARG marimo_version=0.9.0
RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system marimo==${marimo_version} && \
    uv pip install --system altair
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked

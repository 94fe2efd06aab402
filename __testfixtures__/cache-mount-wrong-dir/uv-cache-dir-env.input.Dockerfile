FROM python:3.12
ENV UV_CACHE_DIR=/opt/uv-cache UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked

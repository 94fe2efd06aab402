FROM python:3.12
ENV UV_CACHE_DIR=/opt/uv-cache UV_LINK_MODE=copy
WORKDIR /app
RUN --mount=type=cache,target=/opt/uv-cache uv sync --locked

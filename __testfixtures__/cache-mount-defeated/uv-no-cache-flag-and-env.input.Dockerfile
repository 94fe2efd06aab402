FROM python:3.12
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    UV_NO_CACHE=1 uv sync --locked --no-cache

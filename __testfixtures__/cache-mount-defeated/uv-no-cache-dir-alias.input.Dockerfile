FROM python:3.12
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install --system --no-cache-dir -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/uv uv --no-cache-dir sync --locked

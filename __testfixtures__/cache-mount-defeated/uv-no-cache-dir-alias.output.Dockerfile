FROM python:3.12
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/uv \
    uv pip install --system -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked

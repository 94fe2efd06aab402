FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
ENV UV_LINK_MODE=copy
WORKDIR /app
RUN uv sync --locked --no-dev

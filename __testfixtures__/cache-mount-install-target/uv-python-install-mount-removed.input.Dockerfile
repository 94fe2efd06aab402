FROM debian:bookworm-slim
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
ENV UV_PYTHON_INSTALL_DIR=/opt/python
RUN --mount=type=cache,target=/root/.cache/uv \
    --mount=type=cache,target=/opt/python \
    uv python install 3.12
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen
CMD ["uv", "run", "app"]

FROM python:3.12 AS builder
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
ENV UV_CACHE_DIR=/var/cache/uv
COPY requirements.txt .
RUN --mount=type=cache,target=/var/cache/uv uv pip install --target /deps -r requirements.txt

FROM python:3.12-slim
COPY --from=builder /deps /deps
ENV PYTHONPATH=/deps
COPY app.py .
CMD ["python", "app.py"]

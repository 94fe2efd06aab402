FROM python:3.12-slim AS builder
RUN --mount=type=cache,target=/opt/venv \
    python -m venv /opt/venv && /opt/venv/bin/pip install gunicorn flask

FROM python:3.12-slim
COPY --from=builder /opt /opt
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY . .
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]

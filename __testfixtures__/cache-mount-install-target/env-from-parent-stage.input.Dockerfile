FROM python:3.12-slim AS base
ENV PIP_CACHE_DIR=/cache/pip
WORKDIR /app

FROM base
COPY requirements.txt .
RUN --mount=type=cache,target=/app/deps \
    pip install --target=/app/deps -r requirements.txt
ENV PYTHONPATH=/app/deps
COPY . .
CMD ["python", "main.py"]

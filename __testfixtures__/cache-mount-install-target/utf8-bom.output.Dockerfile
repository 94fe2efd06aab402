# syntax=docker/dockerfile:1
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --target=/app/packages -r requirements.txt
ENV PYTHONPATH=/app/packages
COPY . .
CMD ["python", "app.py"]

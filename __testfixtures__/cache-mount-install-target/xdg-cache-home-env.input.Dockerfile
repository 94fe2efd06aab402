FROM python:3.12-slim
ENV XDG_CACHE_HOME=/cache
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/app/lib \
    python -m pip install --target=/app/lib -r requirements.txt
ENV PYTHONPATH=/app/lib
COPY . .
CMD ["python", "main.py"]

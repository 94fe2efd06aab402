FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/app/vendor \
    # install deps into the vendored folder
    pip install --target=/app/vendor -r requirements.txt
ENV PYTHONPATH=/app/vendor
COPY . .
CMD ["python", "app.py"]

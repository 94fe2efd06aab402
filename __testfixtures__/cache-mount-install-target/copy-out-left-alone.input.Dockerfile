FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/tmp/pkgs \
    pip install --target=/tmp/pkgs -r requirements.txt && cp -r /tmp/pkgs /opt/pkgs
ENV PYTHONPATH=/opt/pkgs
COPY . .
CMD ["python", "app.py"]

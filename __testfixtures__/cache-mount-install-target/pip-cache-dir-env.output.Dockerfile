FROM python:3.12-slim
ENV PIP_CACHE_DIR=/var/cache/pip
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/var/cache/pip \
    pip install --target=/pip-packages -r requirements.txt
ENV PYTHONPATH=/pip-packages
COPY . .
CMD ["python", "main.py"]

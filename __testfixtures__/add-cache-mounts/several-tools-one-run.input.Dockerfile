FROM python:3.12-slim
WORKDIR /app
RUN apt-get update && apt-get install -y gcc && pip install -r requirements.txt && rm -rf /var/lib/apt/lists/*

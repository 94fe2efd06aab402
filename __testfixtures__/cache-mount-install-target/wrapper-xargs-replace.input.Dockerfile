FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/deps xargs -a requirements.txt -I{} pip install --target=/deps {}
ENV PYTHONPATH=/deps
COPY . .
CMD ["python", "-m", "app"]

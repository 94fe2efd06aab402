FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/deps grep -v '^#' requirements.txt | xargs -r pip install --target /deps
ENV PYTHONPATH=/deps
COPY . .
CMD ["python", "-m", "app"]

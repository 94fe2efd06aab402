FROM python:3.12-slim
ENV HOME=/home/build
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/home/build/.cache/pip pip install --target=/app/pylib -r requirements.txt
ENV PYTHONPATH=/app/pylib
COPY . .
CMD ["python", "main.py"]

FROM python:3.12-slim
ARG EXTRA
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install --target=/pkgs -r requirements.txt
ENV PYTHONPATH=/pkgs
COPY . .
CMD ["python", "-m", "app"]

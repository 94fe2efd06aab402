FROM python:3.12-slim
ARG PKGS
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=${PKGS:-/pkgs} pip install --target=${PKGS:-/pkgs} -r requirements.txt
ENV PYTHONPATH=/pkgs
COPY . .
CMD ["python", "-m", "app"]

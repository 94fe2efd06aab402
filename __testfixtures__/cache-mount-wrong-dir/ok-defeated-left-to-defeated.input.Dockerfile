FROM python:3.12
USER 1001
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir --user flask

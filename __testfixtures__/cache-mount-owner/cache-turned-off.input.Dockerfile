FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g app app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip pip install --no-cache-dir --user flask
RUN --mount=type=cache,target=/home/app/.cache/pip PIP_NO_CACHE_DIR=1 pip install --user gunicorn

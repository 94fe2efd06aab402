FROM python:3.12
ENV PIP_CACHE_DIR=/var/cache/pip
RUN --mount=type=cache,target=/root/.cache/pip pip install flask

FROM python:3.12
ENV PIP_NO_CACHE_DIR=off \
    PYTHONUNBUFFERED=1
RUN --mount=type=cache,target=/root/.cache/pip pip install flask

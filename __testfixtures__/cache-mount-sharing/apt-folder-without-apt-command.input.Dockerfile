FROM python:3.12
RUN --mount=type=cache,target=/var/cache/apt \
    pip install --no-cache-dir requests

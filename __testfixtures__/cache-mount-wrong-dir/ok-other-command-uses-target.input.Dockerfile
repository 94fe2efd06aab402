FROM python:3.12
ENV PIP_CACHE_DIR=/pipcache
RUN --mount=type=cache,target=/root/.cache/pip pip install flask && ls /root/.cache/pip

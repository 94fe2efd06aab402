FROM python:3.12-slim
ENV PIP_CACHE_DIR=/var/cache/pip
USER 1001:1001
RUN --mount=type=cache,target=/var/cache/pip,uid=1001,gid=1001 pip install --user requests

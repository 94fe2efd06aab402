FROM python:3.12
RUN --mount=type=cache,target=/root/.cache/pip PIP_NO_CACHE_DIR=1 pip install flask

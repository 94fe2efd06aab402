FROM python:3.12
USER app
RUN --mount=type=cache,target=/root/.cache/pip pip install --user flask

FROM python:3.12-slim
RUN useradd --create-home app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip pip install --user flask

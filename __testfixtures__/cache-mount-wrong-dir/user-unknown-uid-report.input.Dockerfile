FROM python:3.12
RUN useradd --create-home app
USER app
RUN --mount=type=cache,target=/root/.cache/pip pip install --user flask

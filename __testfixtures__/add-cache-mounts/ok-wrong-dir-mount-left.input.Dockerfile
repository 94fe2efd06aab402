FROM python:3.12
RUN useradd -m -u 1001 app
USER app
RUN --mount=type=cache,target=/root/.cache/pip pip install --user flask

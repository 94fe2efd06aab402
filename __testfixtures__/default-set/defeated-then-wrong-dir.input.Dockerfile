FROM python:3.12
RUN useradd --create-home --uid 1001 app
USER app
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir --user flask

FROM python:3.12
RUN useradd --create-home --uid 1001 app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001 pip install --user flask

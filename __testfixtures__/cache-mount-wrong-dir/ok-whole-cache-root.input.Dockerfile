FROM python:3.12
RUN useradd -m -u 1001 app
USER app
RUN --mount=type=cache,target=/home/app/.cache,uid=1001 pip install --user flask

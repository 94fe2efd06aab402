FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g 1001 app
USER app
RUN --mount=type=cache,target=/home/app/.cache pip install --user flask

FROM python:3.12
RUN --mount=type=cache,target=/root/.npm pip install --no-cache-dir flask

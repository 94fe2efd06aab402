FROM python:3.12-slim
RUN useradd --create-home --uid 1001 app
USER app
WORKDIR /home/app
COPY requirements.txt .
# BuildKit takes the last target field: /root/.cache/pip, which user app does not use.
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001 pip install --user -r requirements.txt

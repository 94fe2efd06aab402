FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g app app \
 && groupadd -g 1002 worker && useradd -m -u 1002 -g worker worker
RUN --mount=type=cache,target=/home/app/.cache/pip \
    runuser -u app -- pip install --user flask
RUN --mount=type=cache,target=/home/worker/.cache/pip \
    sudo -u worker -H pip install --user celery

FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g app app \
 && groupadd -g 1002 worker && useradd -m -u 1002 -g worker worker
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001,gid=1001 \
    runuser -u app -- pip install --user flask
RUN --mount=type=cache,target=/home/worker/.cache/pip,uid=1002,gid=1002 \
    sudo -u worker -H pip install --user celery

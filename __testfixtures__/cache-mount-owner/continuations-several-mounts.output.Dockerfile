FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g app app
USER app
WORKDIR /home/app
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=bind,source=requirements.txt,target=requirements.txt \
    --mount=type=cache,target=/home/app/.cache/pip,uid=1001,gid=1001 \
    --mount=type=tmpfs,target=/tmp \
    pip install --user -r requirements.txt

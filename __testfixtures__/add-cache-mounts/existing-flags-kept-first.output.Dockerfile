FROM python:3.12
RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    --network=host --mount=type=cache,target=/root/.cache/pip \
    pip install -r /tmp/requirements.txt

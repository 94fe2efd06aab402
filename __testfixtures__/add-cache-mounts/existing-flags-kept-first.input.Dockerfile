FROM python:3.12
RUN --mount=type=bind,source=requirements.txt,target=/tmp/requirements.txt \
    --network=host \
    pip install -r /tmp/requirements.txt

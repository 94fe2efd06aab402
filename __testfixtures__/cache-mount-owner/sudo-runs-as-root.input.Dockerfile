FROM ubuntu:24.04
RUN useradd -m app && apt-get update && apt-get install -y sudo python3-pip
USER app
RUN --mount=type=cache,target=/root/.cache/pip \
    sudo pip install --break-system-packages flask

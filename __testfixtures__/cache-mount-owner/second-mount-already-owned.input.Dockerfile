FROM node:20
USER node
WORKDIR /home/node/app
ENV PIP_CACHE_DIR=/home/node/.cache/pip
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 \
    --mount=type=cache,target=/home/node/.cache/pip \
    npm ci && pip install --user --break-system-packages pyyaml

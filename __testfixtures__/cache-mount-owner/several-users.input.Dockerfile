FROM node:20
RUN groupadd -g 2000 py && useradd -m -u 2000 -g 2000 py
ENV PIP_CACHE_DIR=/cache/pip npm_config_cache=/cache/npm
RUN --mount=type=cache,target=/cache \
    su py -c "pip install --user --break-system-packages pyyaml" \
 && gosu node npm ci

FROM python:3.12
ENV PIP_CACHE_DIR=/pipcache
RUN --mount=type=cache,target=/pipcache \
    pip install flask

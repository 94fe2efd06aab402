FROM python:3.12
RUN --mount=type=cache,target=/pipcache,sharing=locked \
    pip install --cache-dir=/pipcache -r requirements.txt

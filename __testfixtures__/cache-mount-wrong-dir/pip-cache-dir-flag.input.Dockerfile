FROM python:3.12
RUN --mount=type=cache,target=/root/.cache/pip,sharing=locked \
    pip install --cache-dir=/pipcache -r requirements.txt

FROM python:3.12
WORKDIR /app
# pip's own flag inside uv run is not uv's
RUN --mount=type=cache,target=/root/.cache/uv uv run pip install --no-cache-dir x
# uv's --no-cache-dir with no mount is not this rule's
RUN uv pip install --system --no-cache-dir flask

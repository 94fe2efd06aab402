FROM python:3.12-slim AS deps
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /usr/local/bin/uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN --mount=type=cache,target=/app/.venv \
    uv sync --frozen && uv export --frozen --no-hashes -o requirements.txt
RUN python -c 'import json; print(json.dumps({"ok": True}))'

FROM python:3.12-slim
COPY --from=deps /app/requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir -r /tmp/requirements.txt

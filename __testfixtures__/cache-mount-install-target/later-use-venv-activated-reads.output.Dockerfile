FROM python:3.12-slim AS build
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /usr/local/bin/uv
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen
RUN python3 -c 'print("the image'"'"'s own Python")'
RUN . .venv/bin/activate && python -m app.collect --out /out
RUN VIRTUAL_ENV=/app/.venv python3 -m app.check

FROM nginx:alpine
COPY --from=build /out /usr/share/nginx/html

FROM python:3.12-slim
COPY --from=ghcr.io/astral-sh/uv:0.5 /uv /bin/uv
RUN useradd --uid 1000 --create-home app && mkdir /opt/venv && chown app /opt/venv
ENV UV_PROJECT_ENVIRONMENT=/opt/venv PATH="/opt/venv/bin:$PATH"
USER app
WORKDIR /home/app/src
COPY --chown=app . .
RUN --mount=type=cache,target=/home/app/.cache/uv,sharing=locked,uid=1000 uv sync --frozen
CMD ["python", "-m", "src"]

FROM python:3.12-slim AS base
RUN groupadd --gid 10001 app \
 && useradd --uid 10001 --gid app --create-home app

FROM base AS deps
USER app
WORKDIR /home/app
COPY requirements.txt .
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=10001,gid=10001 pip install --user -r requirements.txt

FROM deps
COPY --chown=app . .
CMD ["python", "-m", "app"]

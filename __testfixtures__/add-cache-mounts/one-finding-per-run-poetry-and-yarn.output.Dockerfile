FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install poetry==1.8.3 && corepack enable
COPY pyproject.toml poetry.lock package.json .yarnrc.yml /app/
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pypoetry/cache --mount=type=cache,target=/root/.cache/pypoetry/artifacts poetry install --no-root && yarn install

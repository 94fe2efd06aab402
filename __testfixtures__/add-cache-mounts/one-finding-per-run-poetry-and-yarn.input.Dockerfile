FROM python:3.12-slim
RUN pip install poetry==1.8.3 && corepack enable
COPY pyproject.toml poetry.lock package.json .yarnrc.yml /app/
WORKDIR /app
RUN poetry install --no-root && yarn install

FROM python:3.12-slim
RUN pip install pdm && pdm config install.cache true
WORKDIR /project
COPY pyproject.toml pdm.lock ./
RUN --mount=type=cache,target=/root/.cache/pdm pdm install --prod
COPY . .
CMD ["/project/.venv/bin/python", "-m", "app"]

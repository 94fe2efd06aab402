FROM python:3.12-slim
RUN pip install pdm
WORKDIR /project
COPY pyproject.toml pdm.lock ./
RUN --mount=type=cache,target=/root/.cache/pdm pdm sync --prod --no-self
COPY . .
CMD ["pdm", "run", "start"]

FROM python:3.11-slim
ENV PIPENV_VENV_IN_PROJECT=1
RUN pip install pipenv
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN --mount=type=cache,target=/root/.cache/pipenv \
    pipenv install --deploy
COPY . .
CMD ["/app/.venv/bin/python", "main.py"]

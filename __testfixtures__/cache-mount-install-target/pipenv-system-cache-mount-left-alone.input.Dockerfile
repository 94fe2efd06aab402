FROM python:3.10-slim
RUN pip install pipenv
WORKDIR /srv
COPY Pipfile Pipfile.lock ./
RUN --mount=type=cache,target=/root/.cache/pipenv \
    pipenv install --system --deploy
COPY . .
CMD ["gunicorn", "app:app"]

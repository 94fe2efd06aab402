FROM python:3.12
RUN pip install poetry && poetry config virtualenvs.create false
WORKDIR /code
COPY pyproject.toml poetry.lock /code/
RUN --mount=type=cache,target=/root/.cache/pypoetry \
    poetry install --no-interaction --no-ansi
COPY . /code
CMD ["python", "manage.py", "runserver"]

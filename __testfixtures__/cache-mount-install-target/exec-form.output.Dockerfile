FROM python:3.12-slim
WORKDIR /app
RUN --mount=type=cache,target=/root/.cache/pip ["pip", "install", "--target=/pip-packages", "uwsgi"]
ENV PYTHONPATH=/pip-packages
COPY . .
CMD ["/pip-packages/bin/uwsgi", "--http", ":8000", "--module", "app:application"]

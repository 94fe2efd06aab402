FROM python:3.12-slim
ARG PKGS=/pip-packages
WORKDIR /app
RUN --mount=type=cache,target=${PKGS} pip install --target=$PKGS uwsgi
ENV PYTHONPATH=$PKGS
COPY . .
CMD ["/pip-packages/bin/uwsgi", "--http", ":8000", "--module", "app:application"]

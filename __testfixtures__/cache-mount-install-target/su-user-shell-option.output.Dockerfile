FROM python:3.12-slim
RUN useradd --create-home --uid 1001 app
WORKDIR /srv
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001 su -s /bin/sh app -c 'pip install --target /srv/deps -r requirements.txt'
ENV PYTHONPATH=/srv/deps
CMD ["python", "-m", "app"]

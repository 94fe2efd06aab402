FROM python:3.11
RUN pip install pipenv && useradd -u 1001 -m worker
USER worker
WORKDIR /home/worker/app
COPY --chown=worker Pipfile Pipfile.lock ./
RUN --mount=type=cache,target=/home/worker/.cache/pipenv,uid=1001 pipenv sync
COPY --chown=worker . .
CMD ["pipenv", "run", "python", "worker.py"]

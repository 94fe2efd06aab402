FROM python:3.12-slim
USER worker
RUN --mount=type=cache,target=/srv/lib pip install --target=/srv/lib -r /srv/requirements.txt
ENV PYTHONPATH=/srv/lib
CMD ["python", "-m", "worker"]

FROM python:3.12-slim
ENV PIP_CACHE_DIR=/var/cache/pip,shared
RUN --mount=type=cache,target=/opt/pkgs pip install --target=/opt/pkgs -r requirements.txt
ENV PYTHONPATH=/opt/pkgs
CMD ["python", "-m", "app"]

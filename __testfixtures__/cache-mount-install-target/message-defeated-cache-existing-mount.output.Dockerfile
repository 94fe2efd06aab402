FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --no-cache-dir --target=/opt/pkgs -r requirements.txt
ENV PYTHONPATH=/opt/pkgs
CMD ["python", "-m", "app"]

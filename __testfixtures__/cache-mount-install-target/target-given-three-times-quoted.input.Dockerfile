FROM python:3.12-slim
COPY requirements.txt .
RUN --mount="type=cache,target=/root/.cache/pip,sharing=locked,dst=/tmp/pip,destination=/pip-packages" \
    pip install --target=/pip-packages -r requirements.txt
ENV PYTHONPATH=/pip-packages
CMD ["python", "-m", "app"]

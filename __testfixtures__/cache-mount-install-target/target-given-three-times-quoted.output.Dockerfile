FROM python:3.12-slim
COPY requirements.txt .
RUN --mount="type=cache,sharing=locked,destination=/root/.cache/pip" \
    pip install --target=/pip-packages -r requirements.txt
ENV PYTHONPATH=/pip-packages
CMD ["python", "-m", "app"]

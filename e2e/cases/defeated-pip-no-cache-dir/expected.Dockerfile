FROM codemod-e2e/python:bookworm
WORKDIR /app
COPY requirements.txt ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/root/.cache/pip \
      pip install --target=/pip-packages -r requirements.txt
ENV PYTHONPATH=/pip-packages
COPY app.py ./
CMD ["python3", "app.py"]

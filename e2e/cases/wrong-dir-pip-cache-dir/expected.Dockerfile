FROM codemod-e2e/python:bookworm
# pip keeps its cache where PIP_CACHE_DIR says, not in /root/.cache/pip
ENV PIP_CACHE_DIR=/var/cache/pip
WORKDIR /app
COPY requirements.txt ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/var/cache/pip \
      pip install --target=/pip-packages -r requirements.txt
ENV PYTHONPATH=/pip-packages
COPY app.py ./
CMD ["python3", "app.py"]

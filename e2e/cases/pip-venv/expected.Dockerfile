FROM codemod-e2e/python:bookworm
WORKDIR /app
COPY requirements.txt ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/root/.cache/pip \
    python3 -m venv /opt/venv && /opt/venv/bin/pip install -r requirements.txt
ENV PATH="/opt/venv/bin:$PATH"
COPY app.py ./
CMD ["python", "app.py"]

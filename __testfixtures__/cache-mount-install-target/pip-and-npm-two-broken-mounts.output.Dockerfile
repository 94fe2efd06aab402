FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/root/.npm \
    pip install --target=/opt/pylibs -r requirements.txt && npm ci
ENV PYTHONPATH=/opt/pylibs
COPY . .
CMD ["node", "server.js"]

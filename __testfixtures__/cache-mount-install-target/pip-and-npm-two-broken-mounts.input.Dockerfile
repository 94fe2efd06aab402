FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt package.json package-lock.json ./
RUN --mount=type=cache,target=/opt/pylibs --mount=type=cache,target=/app/node_modules \
    pip install --target=/opt/pylibs -r requirements.txt && npm ci
ENV PYTHONPATH=/opt/pylibs
COPY . .
CMD ["node", "server.js"]

FROM nikolaik/python-nodejs:python3.12-nodejs20
WORKDIR /srv
COPY requirements.txt package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/root/.npm \
    pip install --target=/srv/deps/py -r requirements.txt && npm ci --prefix /srv/deps
ENV PYTHONPATH=/srv/deps/py NODE_PATH=/srv/deps/node_modules
COPY . .
CMD ["python", "-m", "app"]

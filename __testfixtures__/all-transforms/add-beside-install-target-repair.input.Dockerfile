FROM node:20 AS web
WORKDIR /app
RUN --mount=type=cache,target=/app/node_modules npm ci
RUN npm run build
FROM python:3.12-slim
WORKDIR /srv
RUN pip install --no-cache-dir -r requirements.txt
COPY --from=web /app/dist /srv/static

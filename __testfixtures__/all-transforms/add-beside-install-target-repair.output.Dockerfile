FROM node:20 AS web
WORKDIR /app
RUN --mount=type=cache,target=/root/.npm npm ci
RUN npm run build
FROM python:3.12-slim
WORKDIR /srv
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY --from=web /app/dist /srv/static

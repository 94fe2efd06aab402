FROM python:3.12-slim AS build
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/opt/venv pip install -r requirements.txt
RUN python3 manage.py collectstatic --noinput && cp -r static /static

FROM nginx:alpine
COPY --from=build /static /usr/share/nginx/html

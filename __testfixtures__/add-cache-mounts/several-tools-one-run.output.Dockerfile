FROM python:3.12-slim
WORKDIR /app
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked --mount=type=cache,target=/root/.cache/pip rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; apt-get update && apt-get install -y gcc && pip install -r requirements.txt

FROM debian:bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY requirements.txt .
RUN --mount=type=cache,target=/home/app/venv \
    python3 -m venv /home/app/venv && /home/app/venv/bin/pip install -r requirements.txt
ENV PATH=/home/app/venv/bin:$PATH
COPY . .
CMD ["python", "-m", "app"]

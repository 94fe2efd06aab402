FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip \
    find /app/plugins -maxdepth 2 -name requirements.txt -exec pip install --target /deps -r {} \;
ENV PYTHONPATH=/deps
CMD ["python", "-m", "app"]

FROM python:3.12-slim
WORKDIR /app
ENV DEST=/pkgs
ENV PIP_TARGET=${DEST} PYTHONPATH=$DEST
COPY requirements.txt .
RUN --mount=type=cache,target=/pkgs pip install -r requirements.txt
COPY . .
CMD ["python", "-m", "app"]

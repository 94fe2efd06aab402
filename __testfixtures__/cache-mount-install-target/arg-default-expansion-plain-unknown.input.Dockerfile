FROM python:3.12-slim
ARG PKGS
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=$PKGS pip install --target=$PKGS -r requirements.txt
ENV PYTHONPATH=$PKGS
COPY . .
CMD ["python", "-m", "app"]

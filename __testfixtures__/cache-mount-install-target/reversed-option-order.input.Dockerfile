FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=target=/pip-packages,type=cache \
    pip install -t /pip-packages -r requirements.txt
ENV PYTHONPATH=/pip-packages
COPY . .
CMD ["python", "main.py"]

# escape=`
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/app/site `
    pip install --target=/app/site -r requirements.txt
ENV PYTHONPATH=/app/site
COPY . .
CMD ["python", "app.py"]

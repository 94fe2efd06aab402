FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g 1001 app
USER app
WORKDIR /home/app
RUN pip install --user flask

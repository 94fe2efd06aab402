FROM python:3.12
RUN pip --version && npm --version && go version

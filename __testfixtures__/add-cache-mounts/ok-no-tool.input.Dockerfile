FROM debian:12
RUN echo hello && mkdir -p /app
COPY . /app

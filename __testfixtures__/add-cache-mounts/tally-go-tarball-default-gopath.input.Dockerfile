FROM ubuntu:22.04
ADD https://go.dev/dl/go1.24.3.linux-amd64.tar.gz /tmp/go.tar.gz
RUN tar -C /usr/local -xzf /tmp/go.tar.gz && rm /tmp/go.tar.gz
ENV PATH="/usr/local/go/bin:${PATH}"
WORKDIR /app
COPY . .
RUN go mod download
RUN go build -o /usr/local/bin/app .

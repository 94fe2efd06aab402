FROM golang:1.23 AS api
WORKDIR /src
RUN go mod download
RUN go build -o /out/api ./cmd/api
FROM rust:1.80 AS worker
WORKDIR /w
RUN cargo build --release
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=api /out/api /usr/local/bin/api
COPY --from=worker /w/target/release/worker /usr/local/bin/worker

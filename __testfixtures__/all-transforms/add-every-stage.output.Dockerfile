FROM golang:1.23 AS api
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod go mod download
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/api ./cmd/api
FROM rust:1.80 AS worker
WORKDIR /w
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release
FROM debian:12-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; apt-get update && apt-get install -y --no-install-recommends ca-certificates
COPY --from=api /out/api /usr/local/bin/api
COPY --from=worker /w/target/release/worker /usr/local/bin/worker

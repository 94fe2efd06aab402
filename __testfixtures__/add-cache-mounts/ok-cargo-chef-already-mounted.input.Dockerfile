FROM lukemathwalker/cargo-chef:latest-rust-1 AS builder
WORKDIR /app
COPY recipe.json .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/local/cargo/git/db \
    cargo chef cook --release --recipe-path recipe.json

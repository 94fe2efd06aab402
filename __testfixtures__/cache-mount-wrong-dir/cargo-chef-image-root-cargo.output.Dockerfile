FROM lukemathwalker/cargo-chef:latest-rust-1.80-slim-bookworm AS builder
WORKDIR /app
COPY recipe.json .
RUN --mount=type=cache,target=/usr/local/cargo/registry cargo chef cook --release --recipe-path recipe.json

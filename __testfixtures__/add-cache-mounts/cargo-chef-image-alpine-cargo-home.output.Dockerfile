FROM docker.io/lukemathwalker/cargo-chef:latest-rust-1.80-alpine3.20 AS builder
WORKDIR /app
COPY recipe.json .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo chef cook --release --target x86_64-unknown-linux-musl --recipe-path recipe.json
COPY . .
ENV CARGO_HOME=/cargo
RUN --mount=type=cache,target=/cargo/registry --mount=type=cache,target=/cargo/git/db cargo build --release

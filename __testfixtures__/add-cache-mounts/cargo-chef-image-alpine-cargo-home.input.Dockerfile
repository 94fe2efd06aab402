FROM docker.io/lukemathwalker/cargo-chef:latest-rust-1.80-alpine3.20 AS builder
WORKDIR /app
COPY recipe.json .
RUN cargo chef cook --release --target x86_64-unknown-linux-musl --recipe-path recipe.json
COPY . .
ENV CARGO_HOME=/cargo
RUN cargo build --release

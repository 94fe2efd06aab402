FROM rust:1.80 AS builder
WORKDIR /code
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY . .
ENV CARGO_NET_OFFLINE=true
RUN cargo build --release

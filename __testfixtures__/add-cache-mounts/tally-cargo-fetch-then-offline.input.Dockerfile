FROM rust:1.80 AS base
WORKDIR /code
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY . .

FROM base AS builder
RUN cargo build --release --offline

FROM debian:12-slim
COPY --from=builder /code/target/release/app /usr/local/bin/app

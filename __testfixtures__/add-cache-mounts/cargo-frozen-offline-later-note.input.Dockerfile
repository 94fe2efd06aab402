FROM rust:1.80 AS deps
WORKDIR /code
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch --locked

FROM deps AS builder
COPY . .
RUN cargo build --release --frozen

FROM rust:1.80-slim-bookworm AS builder
WORKDIR /usr/src/app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/usr/src/app/target \
    cargo build --release

FROM debian:bookworm-slim
COPY --from=builder /usr/src/app/target/release/server /usr/local/bin/server
CMD ["server"]

FROM rust:1.80 AS builder
WORKDIR /app
COPY . /app/
RUN --mount=type=cache,target=/usr/local/cargo/registry \
  --mount=type=cache,target=/app/target \
  cargo build --locked --release \
  && cp /app/target/release/server /usr/local/bin/

FROM debian:bookworm-slim
COPY --from=builder /usr/local/bin/server /usr/local/bin/
COPY --from=builder /app/*.css /usr/local/share/server/
CMD ["/usr/local/bin/server"]

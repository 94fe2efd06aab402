FROM rust:1.80
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/target \
    cargo build --release
CMD ["./target/release/app"]

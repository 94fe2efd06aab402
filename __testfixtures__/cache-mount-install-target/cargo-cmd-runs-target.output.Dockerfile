FROM rust:1.80
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db \
    cargo build --release
CMD ["./target/release/app"]

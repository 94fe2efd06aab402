# The build happens inside a cache mount and the binary is taken out to a
# folder outside every mount (install-target-dir), so it reaches the image: left alone.
# Without that last command this is reported (the output stays in the mount).
FROM rust:1.80
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/target cargo build --release && install -D -t /usr/local/bin target/release/app
CMD ["app"]

# The binary is moved out of the cargo target mount, but into another cache
# mount, so it still never reaches the image: the target mount is reported
# (the last stage keeps the build output only in mounts).
FROM rust:1.80
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/target --mount=type=cache,target=/opt/out \
    cargo build --release && mv target/release/app /opt/out/app
CMD ["/opt/out/app"]

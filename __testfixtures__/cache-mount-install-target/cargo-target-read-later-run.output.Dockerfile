FROM rust:1.80-slim-bookworm AS build
WORKDIR /build
COPY . .
RUN --mount=type=cache,id=app_target,sharing=locked,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db \
    cargo build --target-dir /cache/target --release
RUN cp /cache/target/release/app /usr/local/bin/app

FROM debian:bookworm-slim
COPY --from=build /usr/local/bin/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]

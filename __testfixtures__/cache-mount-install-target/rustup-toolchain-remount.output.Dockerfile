FROM rust:1.80-slim-bookworm AS build
WORKDIR /src
COPY . .
RUN \
  --mount=type=cache,sharing=locked,target=/usr/local/cargo/registry \
    rustup toolchain install
RUN \
  --mount=type=cache,sharing=locked,target=/usr/local/cargo/registry \
    cargo build --release && cp target/release/app /root/app

FROM debian:bookworm-slim
COPY --from=build /root/app /usr/bin/app
CMD ["app"]

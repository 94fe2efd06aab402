FROM rust:1.80 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release
FROM debian:12-slim
COPY --from=build /app/target/release/app /usr/local/bin/app

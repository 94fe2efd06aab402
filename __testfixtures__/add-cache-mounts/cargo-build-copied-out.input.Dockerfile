FROM rust:1.80 AS build
WORKDIR /app
COPY . .
RUN cargo build --release
FROM debian:12-slim
COPY --from=build /app/target/release/app /usr/local/bin/app

FROM rust:1.80
ENV CARGO_HOME=/cargo
WORKDIR /app
RUN --mount=type=cache,target=/cargo/registry cargo fetch

FROM codemod-e2e/rust:latest AS build
# CARGO_HOME as in the rust image, spelled out: the codemod knows rust:*, not this local image
ENV CARGO_HOME=/usr/local/cargo
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
COPY src ./src
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release --locked

FROM codemod-e2e/busybox:latest
COPY --from=build /app/target/release/greet /usr/local/bin/greet
CMD ["greet"]

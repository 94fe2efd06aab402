FROM rust:1.80
ENV SCCACHE_DIR=/sccache RUSTC_WRAPPER=sccache
RUN cargo install sccache --locked
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=$SCCACHE_DIR,sharing=shared \
    --mount=type=cache,target=/usr/local/cargo/registry \
    cargo build --release && cp target/release/app /usr/local/bin/app
CMD ["app"]

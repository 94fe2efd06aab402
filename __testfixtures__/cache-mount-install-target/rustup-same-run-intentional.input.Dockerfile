FROM rust:1.80 AS wasm
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/rustup \
    --mount=type=cache,target=/usr/local/cargo/registry \
    rustup target add wasm32-unknown-unknown && \
    cargo build --release --target wasm32-unknown-unknown && \
    mkdir -p /out && cp target/wasm32-unknown-unknown/release/app.wasm /out/

FROM nginx:alpine
COPY --from=wasm /out/app.wasm /usr/share/nginx/html/

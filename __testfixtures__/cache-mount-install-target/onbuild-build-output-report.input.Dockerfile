FROM rust:1.82
WORKDIR /usr/src/app
ONBUILD COPY . .
ONBUILD RUN --mount=type=cache,target=/usr/src/app/target cargo build --release
ONBUILD RUN --mount=type=cache,target=/usr/src/app/target,id=copied \
    cargo build --release && cp target/release/app /usr/local/bin/app

# The builder image is not one the tool knows and the Dockerfile sets no
# WORKDIR: cargo's target folder is <working folder>/target. The mount on
# /src/target is that folder if the working folder is /src, and the next RUN
# reads the binary without the mount: reported with that guess, not fixed.
FROM registry.example.com/team/rust-builder:1 AS builder
ADD . /src/
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target,sharing=locked \
    cargo build --release
RUN cp /src/target/release/app /usr/local/bin/app

# A cache mount no working folder makes cargo's target folder is left alone.
FROM registry.example.com/team/rust-builder:1
RUN --mount=type=cache,target=/var/cache/sccache cargo build --release

FROM rust:1.80 AS tools
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    cargo install --locked --root /opt/tools sqlx-cli

FROM debian:bookworm-slim
COPY --from=tools /opt/tools/bin/sqlx /usr/local/bin/sqlx
ENTRYPOINT ["sqlx"]

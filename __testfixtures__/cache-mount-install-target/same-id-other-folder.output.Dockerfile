# Both stages use cache id "shared", at different folders. The Rust stage
# does not read Python packages through it, so it does not keep the pip stage
# from being fixed; the id is dropped so that pip's cache does not share one
# cache with /src/target.
FROM python:3.12-slim AS api
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
CMD ["python", "-m", "flask", "run"]

FROM rust:1.80 AS tool
WORKDIR /src
COPY . .
RUN --mount=type=cache,id=shared,target=/src/target cargo build --release && cp target/release/tool /usr/local/bin/tool

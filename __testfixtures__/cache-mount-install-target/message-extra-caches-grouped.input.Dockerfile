FROM rust:1.82
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/deps \
    npm ci --prefix /deps && cargo install --path . --root /deps/cargo
ENV PATH=/deps/cargo/bin:$PATH NODE_PATH=/deps/node_modules
CMD ["app"]

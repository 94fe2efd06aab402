FROM ubuntu:24.04 AS build
ENV HOME="/root"
WORKDIR $HOME
COPY rust_target.txt rust_target.txt
COPY . .
RUN --mount=type=cache,target=./target \
  cargo build --target $(cat rust_target.txt) --release
RUN --mount=type=cache,target=./target \
  cp ./target/$(cat rust_target.txt)/release/app /app

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

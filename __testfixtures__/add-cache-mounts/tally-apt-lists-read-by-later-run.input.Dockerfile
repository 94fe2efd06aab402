FROM ubuntu:22.04
RUN apt update -y && apt install -y --no-install-recommends ca-certificates wget
RUN apt install -y llvm
RUN apt install -y --no-install-recommends clang make && \
    rm -rf /var/lib/apt/lists/*

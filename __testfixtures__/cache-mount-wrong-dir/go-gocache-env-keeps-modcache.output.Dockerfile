FROM golang:1.23
ENV GOCACHE=/tmp/gocache
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/tmp/gocache \
    go build -o /out/app .

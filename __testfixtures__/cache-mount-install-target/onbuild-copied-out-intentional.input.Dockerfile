FROM golang:1.23
WORKDIR /src
ONBUILD COPY . .
ONBUILD RUN --mount=type=cache,target=/go/bin \
    go install ./cmd/... && cp /go/bin/* /usr/local/bin/

FROM golang:1.23-alpine AS go-test
WORKDIR /src
COPY . .
CMD ["go", "test", "./..."]

FROM go-test AS go-test-dlv
RUN --mount=type=cache,mode=0755,target=/go/bin \
    go install github.com/go-delve/delve/cmd/dlv@latest \
  && cp /go/bin/dlv /usr/local/bin/dlv
CMD ["dlv", "test", "./..."]

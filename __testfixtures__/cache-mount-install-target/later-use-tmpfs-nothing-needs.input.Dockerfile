FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN --mount=type=tmpfs,target=/tmp/gopath \
    --mount=type=cache,target=/tmp/gopath/bin \
    GOPATH=/tmp/gopath go install ./cmd/gen && /tmp/gopath/bin/gen > /src/generated.go \
    && go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static
COPY --from=build /out/app /app
ENTRYPOINT ["/app"]

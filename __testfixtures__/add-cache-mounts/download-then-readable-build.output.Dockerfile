FROM golang:1.23 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build chmod +x ./scripts/version && go build -o /out/app ./cmd/app
RUN --mount=type=cache,target=/go/pkg/mod make test
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build sh -c 'go vet ./...'

FROM builder AS release
RUN /usr/local/go/bin/go version

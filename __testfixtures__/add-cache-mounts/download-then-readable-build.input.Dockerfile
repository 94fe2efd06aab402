FROM golang:1.23 AS builder
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN chmod +x ./scripts/version && go build -o /out/app ./cmd/app
RUN --mount=type=cache,target=/go/pkg/mod make test
RUN sh -c 'go vet ./...'

FROM builder AS release
RUN /usr/local/go/bin/go version

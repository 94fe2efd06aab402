FROM golang:1.23-alpine AS builder
RUN --mount=type=cache,target=/etc/apk/cache apk add --update alpine-sdk ca-certificates
WORKDIR /usr/local/src/dex
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN make release-binary

FROM alpine:3.20
COPY --from=builder /go/bin/dex /usr/local/bin/dex

# syntax=docker/dockerfile:1
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/bin/ \
    go install github.com/a-h/templ/cmd/templ@latest
RUN --mount=type=cache,target=/go/bin/ \
    templ generate
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -o /bin/app ./cmd/app

FROM alpine:3.20
COPY --from=build /bin/app /bin/app
ENTRYPOINT ["/bin/app"]

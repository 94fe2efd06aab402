FROM golang:1.23
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod go mod download && pip install mkdocs

FROM golang:1.23
ENV GOMODCACHE=/gomod
WORKDIR /src
RUN --mount=type=cache,id=gomod,target=/gomod go mod download

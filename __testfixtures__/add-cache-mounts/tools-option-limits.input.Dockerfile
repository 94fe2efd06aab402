FROM golang:1.23
WORKDIR /src
RUN go mod download && pip install mkdocs

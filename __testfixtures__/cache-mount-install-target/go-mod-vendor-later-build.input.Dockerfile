FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/src/vendor go mod vendor
RUN CGO_ENABLED=0 go build -mod=vendor -o /app .

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]

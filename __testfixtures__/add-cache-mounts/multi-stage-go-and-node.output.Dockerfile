FROM node:20 AS web
WORKDIR /web
RUN --mount=type=cache,target=/root/.npm npm ci && npm run build
FROM golang:1.23 AS api
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/api .
FROM gcr.io/distroless/base
COPY --from=web /web/dist /static
COPY --from=api /out/api /api

FROM node:20 AS web
WORKDIR /web
RUN npm ci && npm run build
FROM golang:1.23 AS api
WORKDIR /src
RUN go build -o /out/api .
FROM gcr.io/distroless/base
COPY --from=web /web/dist /static
COPY --from=api /out/api /api

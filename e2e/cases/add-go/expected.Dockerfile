FROM codemod-e2e/go:latest
# GOPATH as in the golang image, spelled out: the codemod knows golang:*, not this local image
ENV GOPATH=/go
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go install example.com/tools/greet@v1.2.0
CMD ["greet"]

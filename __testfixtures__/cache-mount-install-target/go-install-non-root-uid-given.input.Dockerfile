FROM golang:1.23
RUN groupadd -g 1001 dev && useradd -u 1001 -g dev -m dev
USER dev
WORKDIR /home/dev/src
RUN --mount=type=cache,target=/go/bin,uid=1001,gid=1001 \
    go install golang.org/x/tools/gopls@latest
CMD ["gopls", "serve"]

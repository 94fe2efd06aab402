FROM node:20
RUN groupadd -g 2000 builder && useradd -m -u 2000 -g 2000 builder
WORKDIR /home/builder/app
COPY --chown=builder . .
RUN --mount=type=cache,target=/home/builder/.npm,uid=2000,gid=2000 \
    su builder -c "npm ci && npm run build"

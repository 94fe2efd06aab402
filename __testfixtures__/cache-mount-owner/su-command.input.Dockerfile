FROM node:20
RUN groupadd -g 2000 builder && useradd -m -u 2000 -g 2000 builder
WORKDIR /home/builder/app
COPY --chown=builder . .
RUN --mount=type=cache,target=/home/builder/.npm \
    su builder -c "npm ci && npm run build"

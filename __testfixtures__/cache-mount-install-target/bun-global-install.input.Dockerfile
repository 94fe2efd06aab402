FROM oven/bun:1.2-alpine
ENV BUN_INSTALL=/opt/bun
ENV PATH=/opt/bun/bin:$PATH
RUN --mount=type=cache,target=/opt/bun bun add -g @biomejs/biome
WORKDIR /src
CMD ["biome", "check", "."]

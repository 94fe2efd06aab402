FROM node:20
RUN npm install --global pnpm@9.15.0
RUN --mount=type=cache,target=/root/.local/share/pnpm/store \
    pnpm add --global --global-dir=/opt/pnpm-global --global-bin-dir=/usr/local/bin serve
CMD ["serve", "-s", "/srv"]

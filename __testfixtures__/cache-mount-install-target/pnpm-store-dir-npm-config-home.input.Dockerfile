FROM node:20
USER node
WORKDIR /home/node/app
RUN npm config set store-dir ~/.pnpm-store && corepack enable --install-directory ~/bin
COPY --chown=node:node . .
RUN --mount=type=cache,target=/home/node/app/node_modules,uid=1000,gid=1000 pnpm install
CMD ["pnpm", "start"]

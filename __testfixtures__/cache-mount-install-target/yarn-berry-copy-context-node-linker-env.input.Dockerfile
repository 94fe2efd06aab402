FROM node:22-slim
ENV YARN_NODE_LINKER=node-modules
WORKDIR /app
RUN corepack enable
COPY . .
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable
CMD ["node", "index.js"]

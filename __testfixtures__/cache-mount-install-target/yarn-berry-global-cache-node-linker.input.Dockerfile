FROM node:22-slim
ENV YARN_NODE_LINKER=node-modules
WORKDIR /data
RUN corepack enable
COPY package.json yarn.lock ./
RUN --mount=type=cache,sharing=locked,target=/root/.yarn/berry/cache \
    yarn install --immutable
COPY . .
RUN yarn build
CMD ["yarn", "start"]

FROM node:22-slim AS app
WORKDIR /data
RUN corepack enable
COPY package.json yarn.lock .yarnrc.yml ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache \
    yarn workspaces focus web --production
COPY . .
RUN yarn web:build
CMD ["yarn", "web:start"]

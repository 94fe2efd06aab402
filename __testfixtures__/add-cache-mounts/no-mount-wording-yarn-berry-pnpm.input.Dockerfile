FROM node:20 AS web
WORKDIR /app
COPY . .
RUN corepack enable
RUN yarn install --inline-builds
RUN yarn build

FROM node:20 AS tools
RUN corepack enable && pnpm add -g turbo

FROM node:22-alpine AS builder-image
WORKDIR /build
ONBUILD COPY package.json yarn.lock ./
ONBUILD RUN --mount=type=cache,id=nm,target=/usr/local/share/.cache/yarn \
    yarn install --frozen-lockfile
ONBUILD COPY . .
ONBUILD RUN yarn build

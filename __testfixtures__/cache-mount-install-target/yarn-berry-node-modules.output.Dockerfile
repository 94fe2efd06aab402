FROM node:22-alpine AS web
WORKDIR /src
COPY .yarnrc.yml package.json yarn.lock ./
COPY .yarn .yarn
RUN --mount=type=cache,target=/root/.yarn/berry/cache \
  yarn install --immutable
COPY . .
RUN yarn build

FROM nginx:alpine
COPY --from=web /src/dist /usr/share/nginx/html

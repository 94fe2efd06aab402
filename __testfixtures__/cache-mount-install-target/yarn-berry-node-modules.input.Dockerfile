FROM node:22-alpine AS web
WORKDIR /src
COPY .yarnrc.yml package.json yarn.lock ./
COPY .yarn .yarn
RUN --mount=type=cache,target=node_modules \
  yarn install --immutable
COPY . .
RUN --mount=type=cache,target=node_modules \
  yarn build

FROM nginx:alpine
COPY --from=web /src/dist /usr/share/nginx/html

FROM node:22 AS web
WORKDIR /web
COPY . .
RUN --mount=type=cache,target=/root/.yarn/berry/cache \
    corepack enable && yarn install --immutable && yarn build && cp -r dist /dist

FROM nginx:alpine
COPY --from=web /dist /usr/share/nginx/html

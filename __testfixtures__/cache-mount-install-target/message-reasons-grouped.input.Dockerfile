FROM node:20 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/app/node_modules npm ci
RUN --mount=type=cache,target=/app/node_modules npm run lint
RUN npm run test
RUN --mount=type=cache,target=/app/node_modules npm run build
RUN npm run e2e
RUN npm run docs
RUN npm run bundle
RUN npm run size

FROM nginx:alpine
COPY --from=build /app/dist /usr/share/nginx/html

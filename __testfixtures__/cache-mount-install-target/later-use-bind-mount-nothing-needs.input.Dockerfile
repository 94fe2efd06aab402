FROM node:22-alpine AS build
WORKDIR /src
RUN --mount=type=bind,target=.,rw \
    --mount=type=cache,target=/src/node_modules \
    npm ci && npm run build && cp -r dist /out

FROM nginx:alpine
COPY --from=build /out /usr/share/nginx/html

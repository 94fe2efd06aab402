FROM node:20 AS ui
WORKDIR /ui
COPY package.json package-lock.json ./
COPY . .
RUN --mount=type=cache,target=/ui/node_modules npm ci && npm run build

FROM nginx:1.27-alpine
COPY --from=ui /ui/dist /usr/share/nginx/html

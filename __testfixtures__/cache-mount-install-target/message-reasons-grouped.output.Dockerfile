FROM node:20 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci
RUN npm run lint
RUN npm run test
RUN npm run build
RUN npm run e2e
RUN npm run docs
RUN npm run bundle
RUN npm run size

FROM nginx:alpine
COPY --from=build /app/dist /usr/share/nginx/html

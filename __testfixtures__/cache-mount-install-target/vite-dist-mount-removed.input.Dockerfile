FROM node:22-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN --mount=type=cache,target=/app/dist npx vite build

FROM nginx:alpine
COPY --from=build /app/dist /usr/share/nginx/html

FROM node:22-alpine AS build
WORKDIR /build/frontend
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,id=pnpm,target=/pnpm/store PNPM_HOME=/pnpm pnpm install --frozen-lockfile
COPY . .
RUN --mount=type=cache,target=/build/frontend/node_modules/.vite \
    pnpm exec vite build

FROM nginx:alpine
COPY --from=build /build/frontend/dist /usr/share/nginx/html

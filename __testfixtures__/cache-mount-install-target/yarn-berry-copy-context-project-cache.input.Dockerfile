FROM node:20-slim AS build
WORKDIR /app
RUN corepack enable && yarn set version 3.6.4
COPY . .
RUN --mount=type=cache,target=/app/.yarn/cache yarn install --immutable
RUN yarn build

FROM node:20-slim
COPY --from=build /app /app
CMD ["node", "/app/.pnp.cjs"]

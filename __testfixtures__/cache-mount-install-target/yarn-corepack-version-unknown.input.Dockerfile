FROM node:24-slim
WORKDIR /app
RUN corepack enable
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/app/node_modules yarn install
COPY . .
CMD ["yarn", "start"]

FROM node:20
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/app/node_modules yarn install --frozen-lockfile
COPY . .
CMD ["yarn", "start"]

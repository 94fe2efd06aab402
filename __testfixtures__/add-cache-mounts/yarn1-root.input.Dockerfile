FROM node:20
WORKDIR /app
RUN yarn install --frozen-lockfile

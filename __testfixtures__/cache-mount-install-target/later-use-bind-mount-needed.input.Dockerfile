FROM node:22-alpine AS deps
WORKDIR /src
RUN --mount=type=bind,target=.,rw \
    --mount=type=cache,target=/src/node_modules \
    yarn install --frozen-lockfile

FROM deps AS test
RUN node /src/node_modules/.bin/jest --version

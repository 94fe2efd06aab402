FROM node:20
USER node
WORKDIR /home/node/app
ONBUILD COPY --chown=node package.json package-lock.json ./
ONBUILD RUN --mount=type=cache,target=/home/node/.npm npm ci

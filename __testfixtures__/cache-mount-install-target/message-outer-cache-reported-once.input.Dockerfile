FROM node:20
ENV HOME=/home/ci
USER ci
WORKDIR /srv/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/srv --mount=type=cache,target=/srv/app/node_modules npm ci
CMD ["node", "/srv/app/index.js"]

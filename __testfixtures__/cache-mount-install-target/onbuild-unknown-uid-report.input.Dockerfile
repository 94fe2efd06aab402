FROM node:20
ENV HOME=/home/builder
USER builder
WORKDIR /srv
ONBUILD RUN --mount=type=cache,target=/srv/node_modules npm install

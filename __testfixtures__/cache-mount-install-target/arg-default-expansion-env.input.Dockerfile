FROM node:20
ARG APP_DIR
ENV APP_HOME=${APP_DIR:-/srv/app}
WORKDIR $APP_HOME
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=${APP_HOME}/node_modules npm ci --omit=dev
COPY . .
CMD ["node", "server.js"]

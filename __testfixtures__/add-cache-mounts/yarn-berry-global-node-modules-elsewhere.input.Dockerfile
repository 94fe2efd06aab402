FROM python:3.11-alpine
# npm's global folder is not the project's node_modules: it says nothing of Yarn's nodeLinker.
RUN --mount=type=cache,target=/root/.npm npm -g install corepack
ENV NODE_PATH=/usr/local/lib/node_modules
COPY package.json .yarnrc.yml /app/
WORKDIR /app
RUN corepack enable && yarn set version berry && yarn install
CMD ["yarn", "node", "main.js"]

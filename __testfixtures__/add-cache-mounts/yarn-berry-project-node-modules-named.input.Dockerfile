FROM node:20
WORKDIR /app
# The project's own node_modules, named by its absolute path: the node-modules linker is in use.
ENV PATH=/app/node_modules/.bin:$PATH
COPY package.json yarn.lock .yarnrc.yml ./
RUN corepack enable && yarn install --immutable
COPY . .
CMD ["node", "main.js"]

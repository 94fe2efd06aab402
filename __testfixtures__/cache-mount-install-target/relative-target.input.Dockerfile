FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=node_modules npm install
COPY . .
CMD ["npm", "start"]

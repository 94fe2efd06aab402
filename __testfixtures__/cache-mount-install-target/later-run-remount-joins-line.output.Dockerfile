FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build
RUN \
    # lint too
    npm run lint
CMD ["node", "dist/server.js"]

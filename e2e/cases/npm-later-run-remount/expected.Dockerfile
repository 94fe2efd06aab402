FROM codemod-e2e/node:bookworm
WORKDIR /app
COPY package.json package-lock.json ./
ARG CACHE_BUST=0
RUN --mount=type=cache,target=/root/.npm npm ci
COPY build.js ./
RUN npm run build
CMD ["node", "dist/server.js"]

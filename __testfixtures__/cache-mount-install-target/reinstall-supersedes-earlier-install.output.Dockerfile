# The second stage installs again through the same cache; once its mount is
# fixed it installs into the committed folder, so the first install is not
# what anything after it reads: only the second one is reported and fixed,
# and a second run changes nothing.
FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,id=nm,target=/app/node_modules npm ci

FROM deps
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev
CMD ["node", "server.js"]

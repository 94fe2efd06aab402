# The base image is not one the tool knows: it may have set any WORKDIR, so
# npm's node_modules could be anywhere. Taking the working folder to be /
# makes the mount cover them: reported, not fixed.
FROM registry.example.com/platform/node-builder:20
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/node_modules npm ci

# With an absolute WORKDIR the destination is known again.
FROM registry.example.com/platform/node-builder:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/app/node_modules npm ci

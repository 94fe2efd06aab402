# dockerfile-codemod as a container image, built from its npm package:
#
#   docker build -t dockerfile-codemod .
#   docker run --rm -v "$PWD:/src" -w /src dockerfile-codemod --check .
#
# The first stage builds the package with the dev dependencies and packs it (npm pack); the
# image installs that tarball without dev dependencies and runs as the base image's non-root
# user `node`. To let --write change files owned by you, add --user "$(id -u):$(id -g)".
FROM node:20-bookworm-slim AS pack
WORKDIR /build
COPY package.json package-lock.json ./
# The build needs the compiler, the bundler and the bash grammar's .wasm; none of their
# install scripts. npm's download cache is a cache mount: the packages land in /build.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN node scripts/build.js \
 && mkdir /pack \
 && npm pack --pack-destination /pack

FROM node:20-bookworm-slim
# Installed from the tarball, with its runtime dependencies only; the tarball comes in through
# a bind mount, so no layer keeps it.
RUN --mount=type=bind,from=pack,source=/pack,target=/pack \
    --mount=type=cache,target=/root/.npm \
    npm install --global --omit=dev --no-audit --no-fund /pack/dockerfile-codemod-*.tgz
USER node
WORKDIR /src
ENTRYPOINT ["dockerfile-codemod"]
CMD ["--help"]

FROM node:20
RUN --mount=type=cache,target=/root/.npm npm cache clean --force 2>&1 | tee /tmp/log

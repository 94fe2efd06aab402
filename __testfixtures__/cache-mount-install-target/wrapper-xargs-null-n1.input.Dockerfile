FROM node:20
WORKDIR /app
COPY tools.txt .
RUN --mount=type=cache,target=/usr/local/lib/node_modules \
    tr '\n' '\0' < tools.txt | xargs -0 -n 1 npm install -g
CMD ["eslint", "--version"]

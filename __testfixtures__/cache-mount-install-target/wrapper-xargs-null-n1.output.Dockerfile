FROM node:20
WORKDIR /app
COPY tools.txt .
RUN --mount=type=cache,target=/root/.npm \
    tr '\n' '\0' < tools.txt | xargs -0 -n 1 npm install -g
CMD ["eslint", "--version"]

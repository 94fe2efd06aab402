FROM node:20
WORKDIR /repo
COPY . .
RUN cd frontend && npm ci && npm run build

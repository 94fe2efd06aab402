FROM rust:1.80 AS deps
WORKDIR /code
COPY Cargo.toml Cargo.lock ./
RUN cargo fetch
COPY . .

FROM deps AS build
RUN ./build.sh --release

FROM node:20 AS web
RUN corepack enable
WORKDIR /web
COPY pnpm-lock.yaml ./
RUN pnpm fetch
COPY . .
RUN sh scripts/build-web.sh

FROM maven:3-eclipse-temurin-21 AS jvm
WORKDIR /app
COPY pom.xml .
RUN mvn -B dependency:go-offline
COPY . .
RUN bash -e ci/package.sh

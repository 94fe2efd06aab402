FROM rust:1.80 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git/db cargo build --release
CMD ["./target/release/app"]

FROM node:20 AS web
WORKDIR /web
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci
CMD ["npm", "start"]

FROM maven:3-eclipse-temurin-21 AS jar
WORKDIR /m
COPY . .
RUN --mount=type=cache,target=/root/.m2/repository mvn -B package
ENTRYPOINT ["java", "-jar", "target/app.jar"]

FROM rust:1.80 AS build
WORKDIR /app
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]

FROM node:20 AS web
WORKDIR /web
COPY . .
RUN npm ci
CMD ["npm", "start"]

FROM maven:3-eclipse-temurin-21 AS jar
WORKDIR /m
COPY . .
RUN mvn -B package
ENTRYPOINT ["java", "-jar", "target/app.jar"]

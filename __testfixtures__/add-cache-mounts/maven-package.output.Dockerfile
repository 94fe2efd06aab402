FROM maven:3-eclipse-temurin-21 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.m2/repository mvn -B package -DskipTests

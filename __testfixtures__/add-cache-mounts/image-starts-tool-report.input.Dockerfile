# syntax=docker/dockerfile:1.4
FROM maven:3.8.5-eclipse-temurin-17 AS builder
WORKDIR /workdir/server
COPY pom.xml /workdir/server/pom.xml
RUN mvn dependency:go-offline
COPY src /workdir/server/src
RUN mvn install

FROM builder AS dev-envs
RUN apt-get update && apt-get install -y --no-install-recommends git
CMD ["mvn", "spring-boot:run"]

FROM eclipse-temurin:17-jre-focal
COPY --from=builder /workdir/server/target/*.jar /app.jar
CMD ["java", "-jar", "/app.jar"]

FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.9.9_3.4.0 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/coursier \
    --mount=type=cache,target=/root/.ivy2/cache \
    --mount=type=cache,target=/root/.sbt/boot \
    sbt -batch assembly

FROM eclipse-temurin:21-jre
COPY --from=build /app/target/scala-3.4.0/app-assembly.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]

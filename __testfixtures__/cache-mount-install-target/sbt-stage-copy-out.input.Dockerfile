FROM sbtscala/scala-sbt:eclipse-temurin-21.0.2_13_1.9.9_3.4.0 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/coursier \
    --mount=type=cache,target=/app/target \
    sbt -batch stage && cp -a target/universal/stage /opt/app

FROM eclipse-temurin:21-jre
COPY --from=build /opt/app /opt/app
CMD ["/opt/app/bin/app"]

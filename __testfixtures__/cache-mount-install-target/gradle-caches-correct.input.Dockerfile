FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.gradle/caches \
    --mount=type=cache,target=/root/.gradle/wrapper \
    ./gradlew --no-daemon :app:shadowJar

FROM eclipse-temurin:21-jre
COPY --from=build /src/app/build/libs/app-all.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]

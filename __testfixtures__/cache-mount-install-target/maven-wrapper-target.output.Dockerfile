FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/root/.m2/repository --mount=type=cache,target=/root/.m2/wrapper \
    ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /workspace/target/*.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]

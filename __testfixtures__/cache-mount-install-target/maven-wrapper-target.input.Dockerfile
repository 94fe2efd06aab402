FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY . .
RUN --mount=type=cache,target=/workspace/target \
    ./mvnw -B -q package -DskipTests

FROM eclipse-temurin:17-jre
COPY --from=build /workspace/target/*.jar /app.jar
ENTRYPOINT ["java", "-jar", "/app.jar"]

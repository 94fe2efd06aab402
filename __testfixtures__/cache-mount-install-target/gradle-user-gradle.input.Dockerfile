FROM gradle:8-jdk21 AS build
USER gradle
WORKDIR /home/gradle/src
COPY --chown=gradle:gradle . .
RUN --mount=type=cache,target=/home/gradle/src/build \
    gradle installDist --no-daemon
RUN ls build/install/app/bin

FROM eclipse-temurin:21-jre
COPY --from=build /home/gradle/src/build/install/app /opt/app
CMD ["/opt/app/bin/app"]

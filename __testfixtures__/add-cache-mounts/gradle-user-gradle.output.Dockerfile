FROM gradle:8-jdk21 AS build
WORKDIR /home/gradle/app
COPY --chown=gradle:gradle . .
RUN --mount=type=cache,target=/home/gradle/.gradle/caches gradle build --no-daemon

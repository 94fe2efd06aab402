FROM gradle:8-jdk21 AS build
WORKDIR /home/gradle/app
COPY --chown=gradle:gradle . .
RUN gradle build --no-daemon

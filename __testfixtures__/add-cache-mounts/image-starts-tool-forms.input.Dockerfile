FROM rust:1.80 AS dev
WORKDIR /app
COPY . .
RUN cargo build
ENTRYPOINT ["cargo"]
CMD ["run", "--release"]

FROM gradle:8-jdk21 AS gradle-dev
WORKDIR /src
COPY . .
RUN gradle build --no-daemon
CMD exec ./gradlew bootRun

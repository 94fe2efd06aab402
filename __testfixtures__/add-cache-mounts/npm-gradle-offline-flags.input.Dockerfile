FROM node:20 AS web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --prefer-offline
RUN npm ci --offline

FROM gradle:8-jdk21 AS jvm
WORKDIR /src
COPY . .
RUN gradle build --no-daemon
RUN gradle test --offline --no-daemon

FROM maven:3-eclipse-temurin-21 AS mvn
WORKDIR /m
COPY . .
RUN mvn -B --offline package
RUN mvn -B -o verify

# syntax=docker/dockerfile:1
FROM ruby:3.3-slim
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/usr/local/bundle bundle check || bundle install
COPY . .
CMD ["bundle", "exec", "puma", "-C", "config/puma.rb"]

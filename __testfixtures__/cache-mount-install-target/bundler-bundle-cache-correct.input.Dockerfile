FROM ruby:3.3 AS builder
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/usr/local/bundle/cache \
    bundle install
RUN bundle exec jekyll build

FROM nginx:1-alpine
COPY --from=builder /app/_site /usr/share/nginx/html

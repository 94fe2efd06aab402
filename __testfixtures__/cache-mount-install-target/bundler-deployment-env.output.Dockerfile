FROM ruby:3.4.1-alpine AS build
ENV BUNDLE_DEPLOYMENT=1 BUNDLE_WITHOUT=development:test
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,id=gems,target=/rails/vendor/bundle/ruby/3.4.0/cache bundle install

FROM ruby:3.4.1-alpine
ENV BUNDLE_DEPLOYMENT=1 BUNDLE_WITHOUT=development:test
WORKDIR /rails
COPY --from=build /rails/vendor /rails/vendor
COPY . .
CMD ["bin/rails", "server"]

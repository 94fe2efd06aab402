FROM ruby:3.2-bookworm
WORKDIR /app
COPY Gemfile Gemfile.lock /app/
RUN bundle config set path vendor/bundle
RUN --mount=type=cache,target=/app/vendor/bundle bundle install -j4
COPY . /app
CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]

FROM ruby:3.3-slim AS build
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,id=gem-cache,sharing=locked,target=/srv/vendor \
    bundle config set path /srv/vendor && \
    bundle install && \
    mkdir -p vendor && \
    bundle config set path vendor && \
    cp -ar /srv/vendor .
COPY . .
RUN bundle exec bootsnap precompile app/ lib/

FROM ruby:3.3-slim
WORKDIR /rails
COPY --from=build /rails /rails
CMD ["./bin/rails", "server"]

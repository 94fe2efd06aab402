FROM ruby:3.3
ENV BUNDLE_GLOBAL_GEM_CACHE=true
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/usr/local/bundle bundle install
COPY . .
CMD ["bundle", "exec", "ruby", "app.rb"]

FROM ruby:3.3
ENV BUNDLE_GLOBAL_GEM_CACHE=true
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/root/.bundle/cache bundle install
COPY . .
CMD ["bundle", "exec", "ruby", "app.rb"]

FROM ruby:3.3
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/root/.gem bundle install
COPY . .
CMD ["ruby", "app.rb"]

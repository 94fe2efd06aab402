FROM nullstone/rails:6-ruby3
COPY Gemfile* .
RUN gem install bundler
RUN --mount=type=cache,target=/usr/local/bundle bundle install
COPY . .

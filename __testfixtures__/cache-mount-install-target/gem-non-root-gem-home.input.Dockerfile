FROM ruby:3.3-slim
RUN groupadd -g 1000 app && useradd -u 1000 -g app -m app
USER app
ENV GEM_HOME=/home/app/gems PATH=/home/app/gems/bin:$PATH
RUN --mount=type=cache,target=/home/app/gems gem install --no-document rubocop
ENTRYPOINT ["rubocop"]

FROM ruby:3.3-slim
RUN --mount=type=cache,target=/opt/gems \
    gem install --no-document -i /opt/gems rubocop
ENV GEM_PATH=/opt/gems PATH=/opt/gems/bin:$PATH
ENTRYPOINT ["rubocop"]

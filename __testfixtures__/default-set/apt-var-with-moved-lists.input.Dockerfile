FROM debian:bookworm
RUN --mount=type=cache,dst=/var \
    apt-get -o Dir::State::Lists=/srv/apt-lists update \
 && apt-get -o Dir::State::Lists=/srv/apt-lists install -y --no-install-recommends jq
CMD ["jq", "--version"]

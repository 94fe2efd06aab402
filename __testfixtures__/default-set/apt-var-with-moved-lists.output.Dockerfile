FROM debian:bookworm
RUN --mount=type=cache,dst=/var/cache/apt,sharing=locked --mount=type=cache,target=/srv/apt-lists \
    rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; apt-get -o Dir::State::Lists=/srv/apt-lists update \
 && apt-get -o Dir::State::Lists=/srv/apt-lists install -y --no-install-recommends jq
CMD ["jq", "--version"]

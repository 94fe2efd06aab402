#!/usr/bin/env bash
# e2e/setup.sh - the build engine and base images the end-to-end suite needs.
#
#   e2e/setup.sh [start]   install what is missing, start dockerd when no daemon answers,
#                          build the base images that are missing or out of date
#   e2e/setup.sh stop      stop the dockerd this script started (by its pid), nothing else
#   e2e/setup.sh status    say whether a daemon answers and who started it
#
# Idempotent: a second run reuses the packages, a running daemon and the images.
# Adapted from the BuildKit recipe the project was given (Debian 12, root; only Debian's
# mirror and the npm registry reachable; no container registry at all).
#
# What it sets up:
#   1. Debian packages docker.io (Docker 20.10, BuildKit inside dockerd; dockerfile
#      frontend 1.2), debootstrap and busybox-static, when missing.
#   2. dockerd in the background when no daemon answers (log and pid in $E2E_STATE_DIR).
#   3. Local base images, each rebuilt only when its recipe changed (a hash of its build
#      context and of the image it starts from, kept in an image label):
#        codemod-e2e/busybox:latest       FROM scratch + static busybox, /etc/passwd
#        codemod-e2e/debian:bookworm      debootstrap --variant=minbase of the host's mirror,
#                                           with the host's apt sources
#        codemod-e2e/node:bookworm        + Debian's nodejs and npm, the host's CA certificates
#                                           (made at each boot here), pnpm from the npm registry
#        codemod-e2e/python:bookworm      + Debian's python3, the pip stand-in and an ensurepip
#                                           that puts the stand-in into new venvs
#        codemod-e2e/go:latest            busybox + the go stand-in, laid out like golang:*
#        codemod-e2e/rust:latest          busybox + the cargo stand-in, laid out like rust:*
#        codemod-e2e/composer:latest      busybox + the composer stand-in, like composer:*
#        node:20-bookworm-slim            the debian image + the host's Node 20 and npm, laid out
#                                           like the official image: the base of the repository's
#                                           own Dockerfile (left alone when a real one is there)
#        debian:bookworm                  the debian image + the official image's apt and dpkg
#                                           configuration (docker-clean): the base of the apt cases
#                                           (left alone when a real one is there)
#      The images' recipes are the folders under e2e/images/.
#   4. $E2E_STATE_DIR/env, read by the test suite (docker client, build network).
#
# Knobs (environment):
#   E2E_STATE_DIR=/var/tmp/dockerfile-codemod-e2e   logs, pid file, env file
#   FORCE_IMAGES=0        1 = rebuild every base image
#   READY_TIMEOUT=60      seconds to wait for dockerd
#   DOCKERD_EXTRA_ARGS=   extra dockerd flags
#   SOURCES_FILE=/etc/apt/sources.list.d/debian.sources   where the Debian mirror is read from
#
# Pitfalls this script works around (see the recipe's README):
#   - /usr/bin/docker (Debian's 20.10 client) with DOCKER_BUILDKIT=1: a newer client earlier
#     in PATH has no buildx and falls back to the legacy builder, which rejects RUN --mount;
#   - never --pull: the base images exist only in the local store;
#   - dockerd is stopped by its pid, never by name (it may not be ours).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
STATE_DIR=${E2E_STATE_DIR:-/var/tmp/dockerfile-codemod-e2e}
FORCE_IMAGES=${FORCE_IMAGES:-0}
READY_TIMEOUT=${READY_TIMEOUT:-60}
DOCKERD_EXTRA_ARGS=${DOCKERD_EXTRA_ARGS:-}
SOURCES_FILE=${SOURCES_FILE:-/etc/apt/sources.list.d/debian.sources}
SUITE=bookworm
PREFIX=codemod-e2e
RECIPE_LABEL=org.dockerfile-codemod.e2e.recipe

DOCKER=/usr/bin/docker
export DOCKER_BUILDKIT=1

log() { printf '[e2e setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
need_root() { [ "$(id -u)" = 0 ] || die "$1 needs root"; }

mkdir -p "$STATE_DIR"

# ------------------------------------------------------------------ the daemon

# pid_alive PID: running and not a zombie (an orphan can linger as a zombie and
# still pass `kill -0`).
pid_alive() {
  local st
  st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
  [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}
is_named() { pid_alive "$1" && [ "$(cat "/proc/$1/comm" 2>/dev/null)" = "$2" ]; }
docker_ready() { [ -x "$DOCKER" ] && timeout 5 "$DOCKER" version >/dev/null 2>&1; }

# stop_dockerd: stop the dockerd this script started, by the pid it recorded.
stop_dockerd() {
  local pid
  pid=$(cat "$STATE_DIR/dockerd.pid" 2>/dev/null || true)
  if [ -z "$pid" ] || ! is_named "$pid" dockerd; then
    log "no dockerd started by this script is running"
    rm -f "$STATE_DIR/dockerd.pid"
    return 0
  fi
  log "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    pid_alive "$pid" || break
    sleep 0.25
  done
  if pid_alive "$pid"; then
    log "dockerd did not stop in 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE_DIR/dockerd.pid"
  log "stopped"
}

# start_dockerd ARGS...: 0 when the API answers; the pid goes to $STATE_DIR/dockerd.pid.
start_dockerd() {
  need_root "starting dockerd"
  # A pid file whose process is gone makes dockerd refuse to start, and a stale
  # containerd pid file makes it wait for a containerd that is dead.
  if [ -f /var/run/docker.pid ] && ! is_named "$(cat /var/run/docker.pid)" dockerd; then
    rm -f /var/run/docker.pid
  fi
  local f=/var/run/docker/containerd/containerd.pid
  if [ -f "$f" ] && ! is_named "$(cat "$f")" containerd; then rm -f "$f"; fi

  log "starting: dockerd $*"
  echo "---- $(date -u +%FT%TZ) dockerd $*" >>"$STATE_DIR/dockerd.log"
  local offset
  offset=$(stat -c %s "$STATE_DIR/dockerd.log")
  # setsid: its own session, so it outlives this script and the test runner. Its output
  # goes straight to a file: it must not hold the caller's pipes open.
  setsid dockerd "$@" >>"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$STATE_DIR/dockerd.pid"
  local deadline=$(($(date +%s) + READY_TIMEOUT))
  while [ "$(date +%s)" -lt "$deadline" ]; do
    if ! pid_alive "$pid"; then
      tail -c +"$((offset + 1))" "$STATE_DIR/dockerd.log" >"$STATE_DIR/dockerd.last.log"
      log "dockerd (pid $pid) exited; last log lines:"
      tail -5 "$STATE_DIR/dockerd.last.log" >&2
      rm -f "$STATE_DIR/dockerd.pid"
      return 1
    fi
    if docker_ready; then
      # dockerd's own pid file is authoritative (setsid forks when the caller is a
      # process-group leader, and then $! is not dockerd).
      if [ -f /var/run/docker.pid ] && is_named "$(cat /var/run/docker.pid)" dockerd; then
        pid=$(cat /var/run/docker.pid)
        echo "$pid" >"$STATE_DIR/dockerd.pid"
      fi
      log "dockerd ready (pid $pid)"
      return 0
    fi
    sleep 0.5
  done
  log "dockerd (pid $pid) not ready after ${READY_TIMEOUT}s; stopping it"
  stop_dockerd
  tail -c +"$((offset + 1))" "$STATE_DIR/dockerd.log" >"$STATE_DIR/dockerd.last.log"
  return 1
}

case "${1:-start}" in
  stop)
    stop_dockerd
    exit 0
    ;;
  status)
    if docker_ready; then
      pid=$(cat "$STATE_DIR/dockerd.pid" 2>/dev/null || true)
      if [ -n "$pid" ] && is_named "$pid" dockerd; then
        echo "running, started by e2e/setup.sh (pid $pid)"
      else
        echo "running, not started by e2e/setup.sh"
      fi
    else
      echo "not running"
      exit 1
    fi
    exit 0
    ;;
  start) ;;
  *) die "usage: $0 [start|stop|status]" ;;
esac

T_ALL=$(now)

# ------------------------------------------------------------------ 1. packages
T=$(now)
missing=()
for p in docker.io debootstrap busybox-static; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  need_root "installing ${missing[*]}"
  log "installing: ${missing[*]}"
  # Keep the package's init script from starting a dockerd we would not control.
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >"$STATE_DIR/apt-install.log" 2>&1 ||
    {
      tail -30 "$STATE_DIR/apt-install.log" >&2
      die "apt-get install failed"
    }
  if [ "$made_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
else
  log "packages already installed"
fi
T_PACKAGES=$(since "$T")

# ------------------------------------------------------------------ 2. dockerd
T=$(now)
BUILD_NETWORK=default
if docker_ready; then
  log "a docker daemon already answers; using it"
  if [ -f "$STATE_DIR/env" ]; then
    # keep the network mode recorded by the run that started it
    BUILD_NETWORK=$(sed -n 's/^BUILD_NETWORK=//p' "$STATE_DIR/env" | tail -1)
    BUILD_NETWORK=${BUILD_NETWORK:-default}
  fi
else
  # shellcheck disable=SC2086
  if ! start_dockerd $DOCKERD_EXTRA_ARGS; then
    # Only a networking failure (no usable iptables or bridge) is worth a second try.
    if grep -qiE 'network controller|iptables|bridge' "$STATE_DIR/dockerd.last.log"; then
      log "retrying without iptables and bridge networking (builds then use --network=host)"
      # shellcheck disable=SC2086
      start_dockerd --iptables=false --ip6tables=false --bridge=none $DOCKERD_EXTRA_ARGS ||
        die "dockerd failed to start (see $STATE_DIR/dockerd.log)"
      BUILD_NETWORK=host
    else
      die "dockerd failed to start (see $STATE_DIR/dockerd.log)"
    fi
  fi
fi
T_DOCKERD=$(since "$T")

cat >"$STATE_DIR/env" <<EOF
DOCKER=$DOCKER
BUILD_NETWORK=$BUILD_NETWORK
EOF

# ------------------------------------------------------------------ 3. images

image_label() { "$DOCKER" image inspect -f "{{ index .Config.Labels \"$RECIPE_LABEL\" }}" "$1" 2>/dev/null || true; }
image_id() { "$DOCKER" image inspect -f '{{ .Id }}' "$1" 2>/dev/null || true; }

# build_image REF DIR [FILE...]: docker build DIR (plus the extra FILEs, copied into the
# context) as REF, unless REF already carries the hash of this context and parent image.
build_image() {
  local ref=$1 dir=$2
  shift 2
  local t ctx parent hash name
  t=$(now)
  name=${ref#"$PREFIX"/}
  name=${name//[:\/]/-}
  ctx=$(mktemp -d "$STATE_DIR/context.XXXXXX")
  cp -R "$dir/." "$ctx/"
  (($#)) && cp "$@" "$ctx/"
  parent=$(awk 'toupper($1) == "FROM" { print $2; exit }' "$ctx/Dockerfile")
  hash=$(
    {
      (cd "$ctx" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
      [ "$parent" = scratch ] || image_id "$parent"
    } | sha256sum | cut -c1-16
  )
  if [ "$FORCE_IMAGES" != 1 ] && [ "$(image_label "$ref")" = "$hash" ]; then
    log "$ref is up to date"
  else
    log "building $ref"
    local old
    old=$(image_id "$ref")
    "$DOCKER" build --network="$BUILD_NETWORK" --progress=plain --label "$RECIPE_LABEL=$hash" \
      -t "$ref" "$ctx" >"$STATE_DIR/build-$name.log" 2>&1 ||
      {
        tail -30 "$STATE_DIR/build-$name.log" >&2
        rm -rf "$ctx"
        die "building $ref failed (log: $STATE_DIR/build-$name.log)"
      }
    log "built $ref in $(since "$t")s"
    # the image the tag pointed to before, unless something still uses it
    if [ -n "$old" ] && [ "$old" != "$(image_id "$ref")" ]; then
      "$DOCKER" image rm "$old" >/dev/null 2>&1 || true
    fi
  fi
  rm -rf "$ctx"
}

# The first URIs: of a deb822 stanza (or one-line entry) whose suites include $SUITE.
read_mirror() {
  local m=""
  if [ -f "$SOURCES_FILE" ]; then
    m=$(awk -v s="$SUITE" '
      /^[[:space:]]*$/ { u = ""; ok = 0; next }
      /^URIs:/   { u = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == s) ok = 1 }
      ok && u != "" { print u; exit }' "$SOURCES_FILE")
    if [ -z "$m" ]; then
      m=$(awk -v s="$SUITE" '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i == s) { print $(i - 1); exit } }' "$SOURCES_FILE")
    fi
  fi
  [ -n "$m" ] || die "no mirror for suite '$SUITE' found in $SOURCES_FILE"
  printf '%s\n' "$m"
}

# debootstrap_image REF: a minimal Debian root file system with the host's apt sources,
# imported as REF; redone only when the mirror or the sources change.
debootstrap_image() {
  local ref=$1 t mirror hash rootfs
  t=$(now)
  mirror=$(read_mirror)
  hash=$({
    echo "$SUITE $mirror"
    cat "$SOURCES_FILE"
    grep -rhs 'Check-Valid-Until' /etc/apt/apt.conf /etc/apt/apt.conf.d/ || true
  } | sha256sum | cut -c1-16)
  if [ "$FORCE_IMAGES" != 1 ] && [ "$(image_label "$ref")" = "$hash" ]; then
    log "$ref is up to date"
    return 0
  fi
  need_root "debootstrap"
  rootfs=$(mktemp -d "$STATE_DIR/rootfs.XXXXXX")
  log "debootstrap --variant=minbase $SUITE $mirror"
  debootstrap --variant=minbase "$SUITE" "$rootfs" "$mirror" >"$STATE_DIR/debootstrap.log" 2>&1 ||
    {
      tail -30 "$STATE_DIR/debootstrap.log" >&2
      rm -rf "$rootfs"
      die "debootstrap failed"
    }
  # The host's apt sources (same mirror, -updates and -security), its Check-Valid-Until
  # override if any (snapshot mirrors), and a policy-rc.d so that package installs in
  # builds do not try to start services.
  rm -f "$rootfs/etc/apt/sources.list"
  if [ "${SOURCES_FILE##*.}" = sources ]; then
    cp "$SOURCES_FILE" "$rootfs/etc/apt/sources.list.d/"
  else
    cp "$SOURCES_FILE" "$rootfs/etc/apt/sources.list"
  fi
  if grep -rqs 'Check-Valid-Until' /etc/apt/apt.conf /etc/apt/apt.conf.d/; then
    printf 'Acquire::Check-Valid-Until "false";\n' >"$rootfs/etc/apt/apt.conf.d/99no-check-valid-until"
  fi
  printf '#!/bin/sh\nexit 101\n' >"$rootfs/usr/sbin/policy-rc.d"
  chmod 755 "$rootfs/usr/sbin/policy-rc.d"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$rootfs/var/lib/apt/lists/partial"
  log "importing $ref"
  local old
  old=$(image_id "$ref")
  tar -C "$rootfs" --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . |
    "$DOCKER" import \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change "LABEL $RECIPE_LABEL=$hash" \
      --change 'CMD ["bash"]' \
      - "$ref" >/dev/null
  rm -rf "$rootfs"
  if [ -n "$old" ]; then "$DOCKER" image rm "$old" >/dev/null 2>&1 || true; fi
  log "built $ref in $(since "$t")s"
}

T=$(now)
build_image "$PREFIX/busybox:latest" "$HERE/images/busybox" /bin/busybox
build_image "$PREFIX/go:latest" "$HERE/images/go"
build_image "$PREFIX/rust:latest" "$HERE/images/rust"
build_image "$PREFIX/composer:latest" "$HERE/images/composer"
T_BUSYBOX=$(since "$T")

T=$(now)
debootstrap_image "$PREFIX/debian:$SUITE"
T_DEBOOTSTRAP=$(since "$T")

T=$(now)
build_image "$PREFIX/python:$SUITE" "$HERE/images/python"
# The host's CA bundle: TLS to the npm registry is intercepted here by a CA that can be
# made at each boot, so it is copied at setup time, into a layer after the slow ones.
build_image "$PREFIX/node:$SUITE" "$HERE/images/node" /etc/ssl/certs/ca-certificates.crt
T_TOOLCHAINS=$(since "$T")

# node:20-bookworm-slim, the base the repository's own Dockerfile names: made from the host's
# node (it must be Node 20, as the tag says) and npm, unless an image of that name that this
# script did not make is already there (a real one is used as it is).
T=$(now)
NODE_SLIM=node:20-bookworm-slim
if [ -n "$(image_id "$NODE_SLIM")" ] && [ -z "$(image_label "$NODE_SLIM")" ]; then
  log "$NODE_SLIM exists and was not made here: using it"
else
  node_bin=$(command -v node) || die "no node on PATH to make $NODE_SLIM from"
  node_bin=$(readlink -f "$node_bin")
  case $("$node_bin" --version) in
    v20.*) ;;
    *) die "$NODE_SLIM needs Node 20; $node_bin is $("$node_bin" --version)" ;;
  esac
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [ -f "$npm_dir/package.json" ] || die "npm's folder not found (from $(command -v npm))"
  # A tar of npm's folder with names and times only from the files, so that its hash (the
  # image's recipe) changes only when npm does.
  tar --sort=name --owner=0 --group=0 --numeric-owner -C "$(dirname "$npm_dir")" \
    -cf "$STATE_DIR/npm.tar" "$(basename "$npm_dir")"
  build_image "$NODE_SLIM" "$HERE/images/node-slim" "$node_bin" "$STATE_DIR/npm.tar" \
    /etc/ssl/certs/ca-certificates.crt
  rm -f "$STATE_DIR/npm.tar"
fi
T_NODE_SLIM=$(since "$T")

# debian:bookworm, the base the apt cases name (the codemod knows debian:* and its
# docker-clean): the debian image above plus the apt and dpkg configuration of the official
# image, unless an image of that name that this script did not make is already there.
T=$(now)
DEBIAN_OFFICIAL=debian:$SUITE
if [ -n "$(image_id "$DEBIAN_OFFICIAL")" ] && [ -z "$(image_label "$DEBIAN_OFFICIAL")" ]; then
  log "$DEBIAN_OFFICIAL exists and was not made here: using it"
else
  build_image "$DEBIAN_OFFICIAL" "$HERE/images/debian"
fi
T_DEBIAN_OFFICIAL=$(since "$T")
# base images replaced by a rebuild (only ours: they carry the recipe label)
"$DOCKER" image prune -f --filter "label=$RECIPE_LABEL" >/dev/null

# ------------------------------------------------------------------ 4. smoke test
out=$("$DOCKER" run --rm --network=none "$PREFIX/busybox:latest" sh -c 'echo ok') || die "smoke test: docker run failed"
[ "$out" = ok ] || die "smoke test: unexpected output '$out'"

log "done in $(since "$T_ALL")s (packages ${T_PACKAGES}s, dockerd ${T_DOCKERD}s, busybox images ${T_BUSYBOX}s," \
  "debian image ${T_DEBOOTSTRAP}s, node and python images ${T_TOOLCHAINS}s, $NODE_SLIM ${T_NODE_SLIM}s," \
  "$DEBIAN_OFFICIAL ${T_DEBIAN_OFFICIAL}s)"
log "engine: $("$DOCKER" version --format 'server {{.Server.Version}}, client {{.Client.Version}}'), build network: $BUILD_NETWORK"

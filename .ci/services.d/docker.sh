# shellcheck shell=bash
# The Docker engine for the container backend (docs/containers.md).
#
# Sourced by .ci/run as root, and run by ./sandbench when a container model is
# asked for.  Idempotent: installs docker.io only when dockerd is missing, starts
# dockerd only when no engine answers, builds the tiny image only when absent.
# Everything is local: nothing is ever pulled from a registry (these machines
# cannot reach one), so the one image Testcontainers itself needs is built here
# FROM scratch out of Debian's busybox-static.  The workload image is built by the
# harness on first use, tagged by the content hash of the binaries it holds.
#
# Variables (all optional): SANDBENCH_DOCKERD_LOG (default /var/log/sandbench-dockerd.log),
# SANDBENCH_DOCKER_WAIT_S (default 60).

SANDBENCH_TINY_IMAGE="${SANDBENCH_TINY_IMAGE:-sandbench/busybox:local}"

sb_docker_say() { printf 'docker.sh: %s\n' "$*" >&2; }

sb_docker_install() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  # busybox-static, not busybox: the tiny image is FROM scratch, without a dynamic loader.
  dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
  [ "${#need[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    sb_docker_say "missing packages: ${need[*]}; install them with: sudo apt-get install -y ${need[*]}"
    return 3
  fi
  sb_docker_say "installing ${need[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null || {
    sb_docker_say "apt-get install ${need[*]} failed"
    return 3
  }
}

sb_docker_start() {
  docker info >/dev/null 2>&1 && return 0
  if [ "$(id -u)" != 0 ]; then
    sb_docker_say "no Docker engine answers and starting dockerd needs root: sudo dockerd &"
    return 3
  fi
  # A dockerd of ours may still be starting (a previous call that gave up waiting): do not start a second.
  if ! pgrep -x dockerd >/dev/null 2>&1; then
    local log="${SANDBENCH_DOCKERD_LOG:-/var/log/sandbench-dockerd.log}"
    # A daemon killed with its machine's session leaves its pid file; no dockerd runs, so it is stale.
    rm -f /var/run/docker.pid
    sb_docker_say "starting dockerd (log: $log)"
    # setsid: the daemon must outlive the shell that sourced this file.
    setsid dockerd >>"$log" 2>&1 </dev/null &
  fi
  local waited=0 limit="${SANDBENCH_DOCKER_WAIT_S:-60}"
  until docker info >/dev/null 2>&1; do
    if [ "$waited" -ge "$limit" ]; then
      sb_docker_say "dockerd did not answer within ${limit}s; see ${SANDBENCH_DOCKERD_LOG:-/var/log/sandbench-dockerd.log}"
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  sb_docker_say "Docker engine $(docker version --format '{{.Server.Version}}' 2>/dev/null) answers after ${waited}s"
}

# Testcontainers runs this image for its own chores (tinyimage.container.image);
# by default it would pull alpine.  busybox-static is one static binary.
sb_docker_tiny_image() {
  docker image inspect "$SANDBENCH_TINY_IMAGE" >/dev/null 2>&1 && return 0
  local ctx
  ctx="$(mktemp -d)"
  cp /bin/busybox "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["/bin/sh"]
DOCKERFILE
  # The legacy builder's deprecation notice goes to stderr; keep it for a failure only.
  if docker build -q -t "$SANDBENCH_TINY_IMAGE" "$ctx" >/dev/null 2>"$ctx/build.log"; then
    sb_docker_say "built $SANDBENCH_TINY_IMAGE from busybox-static"
    rm -rf "$ctx"
  else
    sb_docker_say "docker build of $SANDBENCH_TINY_IMAGE failed: $(tail -3 "$ctx/build.log")"
    rm -rf "$ctx"
    return 1
  fi
}

sb_docker_up() {
  sb_docker_install && sb_docker_start && sb_docker_tiny_image
}

# Sourced by .ci/run (set -e): a failure here must not end CI before the tests,
# which then fail loudly under SANDBENCH_REQUIRE with the reason.  Executed
# directly (./sandbench), the exit code is the result.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  sb_docker_up
  exit $?
else
  sb_docker_up || sb_docker_say "the Docker engine is not ready: container tests will say why"
fi

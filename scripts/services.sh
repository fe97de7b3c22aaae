# Sourced by scripts/test.sh: a private dockerd with its own data root, exec root and
# socket, so it never meets a system docker. Tests find it through
# SAGELINT_TEST_DOCKER_HOST; where it cannot start they are skipped with the reason
# in SAGELINT_TEST_DOCKER_SKIP.
SAGELINT_SVC_DIR=${SAGELINT_SVC_DIR:-/tmp/sagelint-ci-services}
SAGELINT_DOCKERD_PID=${SAGELINT_DOCKERD_PID:-}  # kept when sourced again (bench cleanup does)

services_start() {
  mkdir -p "$SAGELINT_SVC_DIR"
  local sock="$SAGELINT_SVC_DIR/docker.sock"
  if ! command -v dockerd >/dev/null; then
    export SAGELINT_TEST_DOCKER_SKIP="dockerd is not installed"
    return 0
  fi
  dockerd --data-root "$SAGELINT_SVC_DIR/data" --exec-root "$SAGELINT_SVC_DIR/exec" \
    --pidfile "$SAGELINT_SVC_DIR/dockerd.pid" --host "unix://$sock" \
    --bridge none --iptables=false --ip6tables=false --ip-masq=false \
    >"$SAGELINT_SVC_DIR/dockerd.log" 2>&1 &
  SAGELINT_DOCKERD_PID=$!
  local i
  for i in $(seq 1 240); do
    if DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1; then
      export SAGELINT_TEST_DOCKER_HOST="unix://$sock"
      echo "services: private dockerd on $sock"
      return 0
    fi
    kill -0 "$SAGELINT_DOCKERD_PID" 2>/dev/null || break
    sleep 0.5
  done
  export SAGELINT_TEST_DOCKER_SKIP="private dockerd did not start (see $SAGELINT_SVC_DIR/dockerd.log)"
  echo "services: $SAGELINT_TEST_DOCKER_SKIP"
  tail -5 "$SAGELINT_SVC_DIR/dockerd.log" || true
}

services_stop() {
  [ -n "$SAGELINT_DOCKERD_PID" ] || return 0
  kill "$SAGELINT_DOCKERD_PID" 2>/dev/null || true
  local i state
  for i in $(seq 1 60); do
    # An exited child of this shell stays a zombie until reaped: that counts as stopped.
    state=$(ps -o stat= -p "$SAGELINT_DOCKERD_PID" 2>/dev/null) || break
    case "$state" in Z*) break ;; esac
    sleep 0.25
  done
  kill -9 "$SAGELINT_DOCKERD_PID" 2>/dev/null || true
  wait "$SAGELINT_DOCKERD_PID" 2>/dev/null || true
  SAGELINT_DOCKERD_PID=
  rm -rf "$SAGELINT_SVC_DIR"/exec 2>/dev/null || true
}

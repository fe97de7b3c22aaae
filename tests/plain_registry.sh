# Sourced by the fleet tests: Debian's docker-registry on a free loopback port, plain
# HTTP, serving the storage directory fleet_registry.py wrote.
#   start_plain_registry STORAGE_DIR WORK_DIR
# Sets registry_pid (for the caller's cleanup) and registry_port; returns 1, after
# printing the end of the registry's log, when it does not answer /v2/ within 10 s.
start_plain_registry() {
  local storage=$1 dir=$2 code=
  registry_port=$(python3 "$(dirname "${BASH_SOURCE[0]}")/registry_peers.py" freeport)
  printf 'version: 0.1\nlog: {level: warn, formatter: text}\nstorage: {filesystem: {rootdirectory: %s}}\nhttp: {addr: 127.0.0.1:%s}\n' \
    "$storage" "$registry_port" >"$dir/registry.yml"
  docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 &
  registry_pid=$!
  for _ in $(seq 1 100); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$registry_port/v2/" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.1
  done
  tail -5 "$dir/registry.log"
  return 1
}

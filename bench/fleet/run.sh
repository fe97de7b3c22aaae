#!/usr/bin/env bash
# Fleet benchmark (not in CI): IMAGES images (default 50) sharing a BASE_MB (default 300)
# base in a loopback docker-registry (plain HTTP on 127.0.0.1), audited
#   1. by IMAGES separate `sagelint lint --no-cache docker://...` runs (one process each),
#   2. by one fleet run `-j 4 --targets-from LIST` with an empty cache (first pass),
#   3. by the same run again on that cache (second pass),
# against the floor, in the same run: fetching and reading the unique layer bytes once
# (curl of each unique blob through gzip -dc, 4 at a time, as -j 4). Peak memory of the
# first pass from /usr/bin/time. Prints times and ratios against the goals:
#   first pass <= 1.3x the floor; second pass < 5% of the first; peak memory < 200 MB.
#   bench/fleet/run.sh [BUILD_DIR]        (default: build)
# Environment: IMAGES, BASE_MB, JOBS (default 4). Writes only under bench/out/fleet
# (gitignored) and removes it at the end (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
bin=$(cd "$build" && pwd)/sagelint
images=${IMAGES:-50}
base_mb=${BASE_MB:-300}
jobs=${JOBS:-4}
[ -x "$bin" ] || { echo "bench/fleet: no sagelint at $bin (build it first)" >&2; exit 2; }
for tool in docker-registry skopeo curl python3 /usr/bin/time; do
  command -v $tool >/dev/null || { echo "bench/fleet: $tool is missing (scripts/setup.sh --test)" >&2; exit 2; }
done
out=$PWD/bench/out/fleet
rm -rf "$out"
mkdir -p "$out"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "kept $out"; else rm -rf "$out"; fi
}
trap cleanup EXIT
export HOME=$out/home XDG_CACHE_HOME=$out/xdg
mkdir -p "$HOME"

echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r)"
echo "sagelint: $("$bin" --version)"

# ---- the images and the registry ------------------------------------------------------
echo "== writing $images images on a $base_mb MB base"
python3 bench/fleet/make_fleet.py "$out/layout" "$images" "$base_mb"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat >"$out/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $out/storage}, delete: {enabled: true}}
http: {addr: 127.0.0.1:$port}
YML
docker-registry serve "$out/registry.yml" >"$out/registry.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/v2/" >/dev/null && break; sleep 0.1; done
R=127.0.0.1:$port
: >"$out/targets.txt"
for ((k = 0; k < images; k++)); do
  ref=$(printf 'app-%02d' "$k")
  skopeo copy -q --dest-tls-verify=false "oci:$out/layout:$ref" "docker://$R/fleet/$ref:1"
  echo "docker://$R/fleet/$ref:1" >>"$out/targets.txt"
done
mapfile -t targets <"$out/targets.txt"

now_ns() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

# ---- the floor: every unique layer blob fetched and decompressed once ------------------
python3 - "$out/layout" >"$out/unique-blobs.txt" <<'PY'
import json, os, sys
root = sys.argv[1]
seen, referenced = set(), 0
def blob(d): return json.load(open(os.path.join(root, "blobs", "sha256", d[7:])))
for m in json.load(open(os.path.join(root, "index.json")))["manifests"]:
    repo = "fleet/" + m["annotations"]["org.opencontainers.image.ref.name"]
    for l in blob(m["digest"])["layers"]:
        referenced += l["size"]
        if l["digest"] not in seen:
            seen.add(l["digest"]); print(repo, l["digest"], l["size"])
open(os.path.join(root, "..", "referenced-bytes"), "w").write(str(referenced))
PY
unique_n=$(wc -l <"$out/unique-blobs.txt")
unique_bytes=$(awk '{s += $3} END {print s}' "$out/unique-blobs.txt")
start=$(now_ns)
awk -v r="$R" '{print "http://" r "/v2/" $1 "/blobs/" $2}' "$out/unique-blobs.txt" |
  xargs -P "$jobs" -n 1 sh -c 'curl -fsS "$0" | gzip -dc >/dev/null'
end=$(now_ns)
floor_ms=$(ms "$start" "$end")
echo "floor: $unique_n unique layer blobs, $((unique_bytes / 1048576)) MiB, fetched + gunzipped once (-P $jobs): ${floor_ms} ms"

# ---- sagelint ----------------------------------------------------------------------------
has() { "$bin" lint --help 2>&1 | grep -q -- "$1"; }
no_cache=()
has --no-cache && no_cache=(--no-cache)
start=$(now_ns)
for t in "${targets[@]}"; do "$bin" lint "${no_cache[@]}" --tls-verify=false -f json "$t" >/dev/null 2>&1 || true; done
end=$(now_ns)
separate_ms=$(ms "$start" "$end")
echo "$images separate sagelint lint runs${no_cache:+ (--no-cache)}: ${separate_ms} ms ($((separate_ms / images)) ms per image)"

peak_kb() { awk '/Maximum resident/ {print $NF}' "$1"; }
fleet=(--tls-verify=false -f json="$out/report.json")
if has --targets-from && has --cache-dir && has --jobs; then
  fleet+=(-j "$jobs" --no-progress --cache-dir "$out/cache" --targets-from "$out/targets.txt")
  second=1
else
  echo "(this sagelint has no --targets-from/-j/--cache-dir: the first pass is one process"
  echo " over all targets without a cache, and there is no second pass; re-run after fleet-core)"
  fleet+=("${targets[@]}")
  second=
fi
start=$(now_ns)
/usr/bin/time -v "$bin" lint "${fleet[@]}" >/dev/null 2>"$out/first.time" || true
end=$(now_ns)
first_ms=$(ms "$start" "$end")
first_kb=$(peak_kb "$out/first.time")
findings=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["findings"]), sum(1 for t in d["targets"] if t["error"]))' "$out/report.json")
echo "first pass: ${first_ms} ms, peak RSS $((first_kb / 1024)) MiB (findings, unreadable targets: $findings)"
if [ -n "$second" ]; then
  start=$(now_ns)
  /usr/bin/time -v "$bin" lint "${fleet[@]}" >/dev/null 2>"$out/second.time" || true
  end=$(now_ns)
  second_ms=$(ms "$start" "$end")
  echo "second pass (cache warm): ${second_ms} ms, peak RSS $(( $(peak_kb "$out/second.time") / 1024 )) MiB"
fi

echo
ratio() { python3 -c "print(f'{$1 / max($2, 1):.3f}')"; }
verdict() { python3 -c "print('meets' if $1 else 'MISSES')"; }
r1=$(ratio "$first_ms" "$floor_ms")
echo "first pass / floor           = $r1   (goal <= 1.3: $(verdict "$r1 <= 1.3"))"
echo "separate runs / first pass   = $(ratio "$separate_ms" "$first_ms")"
if [ -n "$second" ]; then
  r2=$(ratio "$second_ms" "$first_ms")
  echo "second pass / first pass     = $r2   (goal < 0.05: $(verdict "$r2 < 0.05"))"
else
  echo "second pass / first pass     = n/a (needs --cache-dir)"
fi
echo "peak memory, first pass${second:+ -j $jobs} = $((first_kb / 1024)) MiB   (goal < 200 at -j 4: $(verdict "$first_kb < 204800"))"
echo "per image: separate $((separate_ms / images)) ms, in the fleet run $((first_ms / images)) ms"
referenced=$(cat "$out/referenced-bytes")
echo "layer bytes: $((referenced / 1048576)) MiB referenced by the $images images, $((unique_bytes / 1048576)) MiB unique (shared-layer fraction $(python3 -c "print(f'{1 - $unique_bytes / $referenced:.3f}')"))"

#!/usr/bin/env bash
# Fleet benchmark (not in CI): IMAGES images (default 50) sharing a BASE_MB (default 300)
# base in a loopback docker-registry (plain HTTP on 127.0.0.1), audited
#   1. by IMAGES separate `sagelint lint --no-cache docker://...` runs (one process each),
#   2. by one fleet run `-j 4 --targets-from LIST` with an empty cache (first pass),
#   3. by the same run again on that cache (second pass, timed without a trailing sync),
# against the floor, in the same run: fetching and reading the unique layer bytes once
# (curl of each unique blob through gzip -dc, 4 at a time, as -j 4). The floor and the
# first pass alternate RUNS times (bench/lib/alternate.sh; medians), the second pass
# runs RUNS times (median); peak memory and the bytes each pass read from the registry
# (the reports' bytesRead) come from one more run of each pass. Prints times and
# ratios against the goals:
#   first pass <= 1.3x the floor; second pass < 5% of the first; peak memory < 200 MB.
#   bench/fleet/run.sh [BUILD_DIR]        (default: build)
# Environment: IMAGES, BASE_MB, JOBS (default 4), RUNS (default 3). Writes only under
# bench/out/fleet (gitignored) and removes it at the end (KEEP=1 keeps it).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
bin=$(cd "$build" && pwd)/sagelint
images=${IMAGES:-50}
base_mb=${BASE_MB:-300}
jobs=${JOBS:-4}
runs=${RUNS:-3}
source bench/lib/alternate.sh
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
awk -v r="$R" '{print "http://" r "/v2/" $1 "/blobs/" $2}' "$out/unique-blobs.txt" >"$out/unique-urls.txt"
floor_cmd="xargs -P $jobs -n 1 sh -c 'curl -fsS \"\$0\" | gzip -dc >/dev/null' <$out/unique-urls.txt"
echo "unique layer blobs: $unique_n, $((unique_bytes / 1048576)) MiB"

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
fleet_cmd="$(printf '%q ' "$bin" lint "${fleet[@]}") || [ \$? = 1 ]"  # 1: findings
fetched() {  # layer bytes the targets of report $1 read, and how many were unreadable
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
print(sum(t.get("bytesRead", 0) for t in d["targets"]), len(d["findings"]), sum(1 for t in d["targets"] if t["error"]))' "$1"
}

echo "== floor and first pass (empty cache) alternated, $runs runs each"
alternate "$runs" "rm -rf $out/cache" "floor (curl | gzip -dc, -P $jobs)" "$floor_cmd" \
  "first pass (-j $jobs, empty cache)" "$fleet_cmd" >"$out/alternate.txt"
cat "$out/alternate.txt"
median_ms() { awk -v n="$1" 'NR == n {for (i = 1; i < NF; i++) if ($i == "median") printf "%d", $(i + 1) * 1000}' "$out/alternate.txt"; }
floor_ms=$(median_ms 1)
first_ms=$(median_ms 2)
rm -rf "$out/cache"
/usr/bin/time -v bash -c "$fleet_cmd" >/dev/null 2>"$out/first.time"
first_kb=$(peak_kb "$out/first.time")
read -r first_read findings unreadable < <(fetched "$out/report.json")
echo "first pass: peak RSS $((first_kb / 1024)) MiB, $((first_read / 1048576)) MiB read from the registry" \
  "($(python3 -c "print(f'{$first_read / $unique_bytes:.2f}')")x the unique layer bytes), $findings findings, $unreadable unreadable targets"
if [ -n "$second" ]; then
  # Timed without the `sync` alternate.sh adds: the second pass writes only its report,
  # and a sync would charge it for the first passes' cache writes still in the page cache.
  times=() cpus=()
  for ((i = 0; i < runs; i++)); do
    t=$(ALT_SYNC=0 alt_time "$fleet_cmd")
    times+=("${t% *}") cpus+=("${t#* }")
  done
  second_ms=$(awk -v s="$(median "${times[@]}")" 'BEGIN {printf "%d", s * 1000}')
  echo "second pass (warm cache): median ${second_ms} ms of $runs runs (wall ${times[*]} s; CPU ${cpus[*]} s)"
  /usr/bin/time -v bash -c "$fleet_cmd" >/dev/null 2>"$out/second.time"
  read -r second_read _ _ < <(fetched "$out/report.json")
  echo "second pass: peak RSS $(( $(peak_kb "$out/second.time") / 1024 )) MiB, $((second_read / 1024)) KiB read from the registry (manifests and configs)"
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

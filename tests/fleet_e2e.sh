#!/usr/bin/env bash
# End-to-end test of a fleet audit (SPEC "Many targets") against Debian's docker-registry
# on loopback, filled by tests/fleet_registry.py with 40 repositories x 3 tags on 3 shared
# bases: the whole catalog with --all-tags; a second pass from the layer and manifest
# caches that fetches no layer blob and makes one HEAD request a target (counted in the
# registry's access log); a tag moved between passes is seen, a cached digest reference
# costs no request; -j 1 = -j 4 byte for byte; shards
# 1/3..3/3 merged by `report merge` = the unsharded report byte for byte; two targets
# sharing a base, started at once, fetch each layer once; a corrupt cache entry; two
# concurrent audits sharing one cache; a failing target among good ones; the progress
# line on a pseudo-terminal and never in the report.
#   tests/fleet_e2e.sh BUILD_DIR
set -euo pipefail
source "$(dirname "$0")/support/skip.sh"

build=${1:?usage: fleet_e2e.sh BUILD_DIR}
sagelint=$(cd "$build" && pwd)/sagelint
here=$(cd "$(dirname "$0")" && pwd)
[ -x "$sagelint" ] || { echo "FAIL: $sagelint is not built"; exit 1; }
for tool in docker-registry python3 curl; do
  command -v $tool >/dev/null || skip "$tool is not installed (scripts/setup.sh --test)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-fleet-e2e.XXXXXX")
registry_pid=
cleanup() {
  if [ -n "$registry_pid" ]; then
    kill "$registry_pid" 2>/dev/null || true
    wait "$registry_pid" 2>/dev/null || true
  fi
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
cd "$work"
# Nothing may touch the real ~/.cache: every run names its cache or has none, and the
# default would land in this directory if one were forgotten.
export HOME=$work/home XDG_CACHE_HOME=$work/default-cache
mkdir -p "$HOME"

fail=0
ok() { echo "ok: $1"; }
bad() { echo "FAIL: $1"; fail=1; }
check() { if "${@:2}"; then ok "$1"; else bad "$1"; fi; }
now() { date +%s.%N; }
since() { python3 -c "import sys; print(round($(now) - $1, 2))"; }

python3 "$here/fleet_registry.py" "$work/storage" 40 3 3
source "$here/plain_registry.sh"
start_plain_registry "$work/storage" "$work" || { echo "FAIL: the registry did not start"; exit 1; }
port=$registry_port
R=127.0.0.1:$port

# The registry's access log has one line per request, with the bytes sent.
lines() { wc -l <registry.log; }
blob_bytes() {  # bytes sent for blob GETs after line $1
  tail -n +"$(($1 + 1))" registry.log | awk '/"GET \/v2\/[^ ]*\/blobs\// {
    for (i = 1; i <= NF; i++) if ($i ~ /^HTTP\//) { n += $(i + 2); break } } END { print n + 0 }'
}
layer_gets() {  # GETs after line $1 of a blob that is a layer of the targets of report $2
  tail -n +"$(($1 + 1))" registry.log | python3 -c '
import json, re, sys
layers = {l["digest"] for t in json.load(open(sys.argv[1]))["targets"] for l in t.get("layers", [])}
print(sum(1 for line in sys.stdin
          for d in re.findall(r"GET /v2/\S+/blobs/(sha256:[0-9a-f]+)", line) if d in layers))' "$2"
}
without_reads() {  # the report without what depends on the cache (bytes read)
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for t in d["targets"]: t.pop("bytesRead", None)
print(json.dumps(d, indent=1, sort_keys=True))' "$1"
}
same_but_reads() { cmp -s <(without_reads "$1") <(without_reads "$2"); }
fleet=(--tls-verify=false --all-tags "docker://$R/")
t_all=$(now)

# ---- first pass: the whole catalog, cold cache --------------------------------------
start=$(lines)
t0=$(now)
rc=0
"$sagelint" lint -j 4 --cache-dir cache -f json=pass1.json "${fleet[@]}" >pass1.out 2>pass1.err || rc=$?
pass1_time=$(since "$t0")
check "first pass exits 1 (findings, every target read)" test "$rc" = 1
check "the catalog with --all-tags expands to 120 targets, written docker://HOST:PORT/REPO:TAG, sorted" \
  python3 -c '
import json, re, sys
d = json.load(open(sys.argv[1]))
names = [t["target"] for t in d["targets"]]
assert len(names) == 120, len(names)
assert all(re.fullmatch(r"docker://127\.0\.0\.1:\d+/team\d/app\d\d:v\d", n) for n in names)
assert names == sorted(names)
assert all(t["error"] is None and t["digest"].startswith("sha256:") for t in d["targets"])' pass1.json
check "findings come from base and app layers; the file the app layer deletes is gone" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
paths = {f.get("path") for f in d["findings"]}
assert "/opt/ml/input/data/sample.csv" in paths, paths
assert "/opt/ml/base-note.txt" not in paths, paths
assert {f["rule"] for f in d["findings"]} >= {"SMP001", "SMP010"}' pass1.json
check "no report or progress text on stderr when it is not a terminal" test ! -s pass1.err
pass1_bytes=$(blob_bytes "$start")
echo "first pass: ${pass1_time} s, ${pass1_bytes} blob bytes from the registry"

# ---- second pass: every layer from the cache ----------------------------------------
start=$(lines)
t0=$(now)
"$sagelint" lint -j 4 --cache-dir cache -f json=pass2.json "${fleet[@]}" >/dev/null 2>&1 || true
pass2_time=$(since "$t0")
pass2_bytes=$(blob_bytes "$start")
echo "second pass: ${pass2_time} s, ${pass2_bytes} blob bytes from the registry (configs)"
check "the second pass fetched no layer blob" test "$(layer_gets "$start" pass2.json)" = 0
# A target whose layers, manifest and config are all cached costs one HEAD of its tag
# (a tag can move): one request, no GET of a manifest or a blob.
pass2_image_requests=$(tail -n +"$((start + 1))" registry.log | grep -cE '"[A-Z]+ /v2/[^ ]+/(manifests|blobs)/' || true)
pass2_heads=$(tail -n +"$((start + 1))" registry.log | grep -cE '"HEAD /v2/[^ ]+/manifests/v[0-9] ' || true)
check "the second pass made 1 manifest-or-blob request a target ($pass2_image_requests for 120)" \
  test "$pass2_image_requests" = 120
check "... each a HEAD of the target's tag ($pass2_heads)" test "$pass2_heads" = 120
check "the second pass reports the same targets and findings" same_but_reads pass1.json pass2.json
check "the second pass read fewer bytes ($pass2_bytes < $pass1_bytes)" test "$pass2_bytes" -lt "$pass1_bytes"
test -d default-cache && bad "a run wrote the default cache directory"

# ---- two targets sharing base layers, started at once, fetch each layer once ------
# (single-flight per layer digest: the second waits for the first one's scan). Both
# have the same entrypoint, so both want the same contents of the base.
pair=("docker://$R/team0/app00:v1" "docker://$R/team0/app00:v2")
start=$(lines)
"$sagelint" lint -j 2 --cache-dir pair-cache --tls-verify=false -f json=pair.json "${pair[@]}" \
  >/dev/null 2>&1 || true
check "two targets sharing a base at -j 2 on an empty cache: every layer blob fetched once" \
  python3 -c '
import collections, json, re, sys
d = json.load(open(sys.argv[1]))
layers = {l["digest"] for t in d["targets"] for l in t["layers"]}
assert len(d["targets"]) == 2 and all(t["error"] is None for t in d["targets"]), d["targets"]
assert len(layers) == 4, layers  # two base layers shared, an app layer each
gets = collections.Counter(g for line in open(sys.argv[2]).readlines()[int(sys.argv[3]):]
                           for g in re.findall(r"GET /v2/\S+/blobs/(sha256:[0-9a-f]+)", line))
assert all(gets[l] == 1 for l in layers), {l: gets[l] for l in layers}' pair.json registry.log "$start"

# ---- -j 1 gives the same report byte for byte ---------------------------------------
"$sagelint" lint -j 1 --cache-dir cache -f json=j1.json "${fleet[@]}" >/dev/null 2>&1 || true
check "-j 1 and -j 4 reports are byte-identical" cmp -s j1.json pass2.json

# ---- shards 1/3..3/3, merged = unsharded --------------------------------------------
for i in 1 2 3; do
  "$sagelint" lint --shard "$i/3" --cache-dir cache -f "json=shard$i.json" "${fleet[@]}" \
    >/dev/null 2>&1 || true
done
check "the shards are disjoint, the k-th sorted target in shard k mod 3 + 1, all together" python3 -c '
import json, sys
every = [t["target"] for t in json.load(open(sys.argv[1]))["targets"]]
shards = [[t["target"] for t in json.load(open(f))["targets"]] for f in sys.argv[2:]]
assert [every[0::3], every[1::3], every[2::3]] == shards' pass2.json shard1.json shard2.json shard3.json
rc=0
"$sagelint" report merge shard1.json shard2.json shard3.json -f json=merged.json >/dev/null || rc=$?
check "report merge of the three shards = the unsharded report, byte for byte" cmp -s merged.json pass2.json
check "report merge exits as lint does (1: findings)" test "$rc" = 1
rc=0
"$sagelint" report merge shard3.json shard1.json -t none -f gnu=merged.gnu >/dev/null || rc=$?
check "report merge -t none exits 0 and writes the gnu lines" test "$rc" = 0 -a -s merged.gnu
printf '{"current_host": "algo-2", "hosts": ["algo-1", "algo-2", "algo-3"]}\n' >resourceconfig.json
SAGELINT_RESOURCE_CONFIG=$work/resourceconfig.json "$sagelint" lint --shard auto --cache-dir cache \
  -f json=auto.json "${fleet[@]}" >/dev/null 2>&1 || true
check "--shard auto as algo-2 of 3 hosts lints shard 2/3" cmp -s auto.json shard2.json

# ---- one failing target never stops the others --------------------------------------
printf '# a list\ndocker://%s/team0/app00:v0\n\ndocker://%s/nosuch/repo:v0\ndocker://%s/team1/app01:v2\n' \
  "$R" "$R" "$R" >list.txt
rc=0
"$sagelint" lint --cache-dir cache --tls-verify=false --targets-from list.txt -f json=list.json \
  >/dev/null 2>list.err || rc=$?
check "a missing repository among good ones: exit 3, reported with its reason, the others linted" \
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
errs = {t["target"]: t["error"] for t in d["targets"]}
assert len(errs) == 3 and sum(e is None for e in errs.values()) == 2, errs
bad = [e for e in errs.values() if e]
assert "not found" in bad[0], bad
assert {f["target"] for f in d["findings"]} == {t for t, e in errs.items() if e is None}' list.json
check "… exit 3 and a one-line message naming the target" \
  bash -c "test $rc = 3 && grep -q 'nosuch/repo:v0: .*not found' list.err && test \$(wc -l <list.err) = 1"

# ---- a corrupt cache entry is ignored and rebuilt -----------------------------------
some=("docker://$R/"{team0/app00,team1/app01,team2/app02}:v{0,1,2})
# The entry of team1/app01's base layer (its digest is written in the entry).
base_layer=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print([t for t in d["targets"] if t["target"].endswith("/team1/app01:v0")][0]["layers"][0]["digest"])' pass2.json)
entry=$(grep -l "$base_layer" cache/layers-v1/* | head -1)
printf 'X' | dd of="$entry" bs=1 seek=100 conv=notrunc 2>/dev/null
# Without the image results these targets' layers come from the layer cache.
rm -rf cache/results-v1
start=$(lines)
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=corrupt.json "${some[@]}" \
  >/dev/null 2>&1 || true
check "with a corrupt entry the findings are unchanged" python3 -c '
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
names = {t["target"] for t in b["targets"]}
assert [f for f in a["findings"] if f["target"] in names] == b["findings"] and b["findings"]' \
  pass2.json corrupt.json
corrupt_gets=$(layer_gets "$start" corrupt.json)
check "the corrupt entry's layer was fetched again ($corrupt_gets layer GETs)" test "$corrupt_gets" -ge 1
start=$(lines)
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=rebuilt.json "${some[@]}" \
  >/dev/null 2>&1 || true
check "and rebuilt: the next run fetches no layer" test "$(layer_gets "$start" rebuilt.json)" = 0
truncate -s 50 "$entry"
rm -rf cache/results-v1
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=truncated.json "${some[@]}" \
  >/dev/null 2>&1 || true
check "a truncated entry is ignored too" same_but_reads corrupt.json truncated.json

# ---- the image result cache: a corrupt entry is ignored and rewritten; settings key it -
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=results.json "${some[@]}" \
  >/dev/null 2>&1 || true
sums() { (cd cache/results-v1 && sha256sum -- * | sort); }
check "each target's findings are stored in results-v1 (9 entries)" \
  test "$(ls cache/results-v1 | grep -cv '\.tmp\.')" = 9
before=$(sums)
for e in cache/results-v1/*; do printf 'X' | dd of="$e" bs=1 seek=60 conv=notrunc 2>/dev/null; done
start=$(lines)
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=results2.json "${some[@]}" \
  >/dev/null 2>&1 || true
check "corrupt result entries: the same findings (from the layer cache, no layer fetched)" \
  bash -c "$(declare -f without_reads same_but_reads); same_but_reads results.json results2.json && test $(layer_gets "$start" results2.json) = 0"
check "… and the entries are rewritten as they were" test "$(sums)" = "$before"
rule=$(python3 -c 'import collections, json, sys
print(collections.Counter(f["rule"] for f in json.load(open(sys.argv[1]))["findings"]).most_common(1)[0][0])' results.json)
"$sagelint" lint --cache-dir cache --tls-verify=false --ignore "$rule" -f json=ignored.json "${some[@]}" \
  >/dev/null 2>&1 || true
check "other settings are another key: --ignore $rule on a warm cache drops exactly its findings" \
  python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["findings"]; b = json.load(open(sys.argv[2]))["findings"]
assert b == [f for f in a if f["rule"] != sys.argv[3]] and len(b) < len(a), (len(a), len(b))' \
  results.json ignored.json "$rule"

# ---- two concurrent audits sharing one empty cache ----------------------------------
# 30 images (10 repositories of one team, on all 3 bases), audited twice at once.
python3 -c 'import json, sys
for t in json.load(open(sys.argv[1]))["targets"]:
    if "/team0/" in t["target"]: print(t["target"])' pass1.json >team0.txt
team0=(--tls-verify=false --targets-from team0.txt)
subset() {  # the part of report $1 about the targets of report $2, cache-independent
  python3 -c 'import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
names = {t["target"] for t in b["targets"]}
for t in a["targets"] + b["targets"]: t.pop("bytesRead", None)
same = ([t for t in a["targets"] if t["target"] in names] == b["targets"] and
        [f for f in a["findings"] if f["target"] in names] == b["findings"])
sys.exit(0 if same and len(names) == 30 else 1)' "$1" "$2"
}
"$sagelint" lint -j 2 --cache-dir shared -f json=c1.json "${team0[@]}" >/dev/null 2>c1.err &
p1=$!
"$sagelint" lint -j 2 --cache-dir shared -f json=c2.json "${team0[@]}" >/dev/null 2>c2.err &
p2=$!
wait "$p1" || true
wait "$p2" || true
check "two concurrent audits sharing a cache: both report what the first pass did" \
  bash -c "$(declare -f subset); subset pass1.json c1.json && subset pass1.json c2.json"
check "… and leave no temporary file in it" test -z "$(find shared -name '*.tmp.*')"
start=$(lines)
"$sagelint" lint -j 4 --cache-dir shared -f json=c3.json "${team0[@]}" >/dev/null 2>&1 || true
check "… and a complete cache: the next audit fetches no layer" test "$(layer_gets "$start" c3.json)" = 0
check "… and reports the same" subset pass1.json c3.json

# ---- progress on a terminal only ----------------------------------------------------
python3 - "$sagelint" "${some[@]}" >pty.log <<'PY'
import os, pty, sys
sagelint, targets = sys.argv[1], sys.argv[2:]
# stderr on a pseudo-terminal, stdout (the report) to a file.
pid, fd = pty.fork()
if pid == 0:
    out = os.open("pty-report.json", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.execv(sagelint, [sagelint, "lint", "--no-cache", "--tls-verify=false", "-j", "1",
                        "-f", "json"] + targets)
data = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.waitpid(pid, 0)
sys.stdout.write(data.decode(errors="replace"))
PY
check "on a terminal, stderr shows targets done/total, bytes read and the rate" \
  grep -qE '[0-9]+/9 targets, [0-9.]+ MB read, [0-9.]+ MB/s' pty.log
check "the progress never goes into the report" \
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert len(d["targets"]) == 9' pty-report.json
python3 - "$sagelint" "${some[@]}" >pty-quiet.log <<'PY'
import os, pty, sys
pid, fd = pty.fork()
if pid == 0:
    os.dup2(os.open("/dev/null", os.O_WRONLY), 1)
    os.execv(sys.argv[1], [sys.argv[1], "lint", "--no-cache", "--no-progress",
                           "--tls-verify=false", "-f", "json"] + sys.argv[2:])
data = b""
while True:
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    data += chunk
os.waitpid(pid, 0)
sys.stdout.write(data.decode(errors="replace"))
PY
check "--no-progress: nothing on the terminal" test ! -s pty-quiet.log

# ---- a tag that moved between passes is seen; a digest reference costs nothing ------
# team0/app00:v1 is re-pushed as another image (app00:v2's manifest with an annotation
# of its own, so neither its digest nor its manifest is in the cache).
moved=$(python3 - "$R" <<'PY2'
import json, sys, urllib.request
r = sys.argv[1]
accept = "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json"
req = urllib.request.Request(f"http://{r}/v2/team0/app00/manifests/v2", headers={"Accept": accept})
with urllib.request.urlopen(req) as resp:
    ctype, m = resp.headers["Content-Type"], json.load(resp)
m.setdefault("annotations", {})["test.sagelint.moved"] = "1"
body = json.dumps(m).encode()
put = urllib.request.Request(f"http://{r}/v2/team0/app00/manifests/v1", data=body, method="PUT",
                             headers={"Content-Type": ctype})
with urllib.request.urlopen(put) as resp:
    print(resp.headers["Docker-Content-Digest"])
PY2
)
requests_since() { tail -n +"$(($1 + 1))" registry.log | grep -cE '"[A-Z]+ /v2/[^ ]+/(manifests|blobs)/' || true; }
digest_in() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["targets"][0]["digest"])' "$1"; }
start=$(lines)
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=moved.json "docker://$R/team0/app00:v1" \
  >/dev/null 2>&1 || true
check "a tag moved between passes: the next pass reads the image it names now ($moved)" \
  test "$(digest_in moved.json)" = "$moved"
check "... with its HEAD and the GET of the new manifest, the config and layers cached ($(requests_since "$start") requests)" \
  test "$(requests_since "$start")" = 2
start=$(lines)
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=moved2.json "docker://$R/team0/app00:v1" \
  >/dev/null 2>&1 || true
check "... and once cached, one HEAD again ($(requests_since "$start") requests)" \
  test "$(requests_since "$start")" = 1 -a "$(digest_in moved2.json)" = "$moved"
start=$(lines)
"$sagelint" lint --cache-dir cache --tls-verify=false -f json=by-digest.json "docker://$R/team0/app00@$moved" \
  >/dev/null 2>&1 || true
check "a cached digest reference makes no request at all ($(requests_since "$start") requests)" \
  test "$(requests_since "$start")" = 0 -a "$(digest_in by-digest.json)" = "$moved"
start=$(lines)
"$sagelint" lint --cache-dir pristine-cache --tls-verify=false -f json=pristine.json "docker://$R/team0/app00@$moved" \
  >/dev/null 2>&1 || true
check "... and the same report as from a cold cache (but bytes read)" same_but_reads by-digest.json pristine.json

echo "fleet test: $(since "$t_all") s after the registry started (first pass ${pass1_time} s," \
  "second pass ${pass2_time} s; layer blob bytes ${pass1_bytes} then ${pass2_bytes})"
exit $fail

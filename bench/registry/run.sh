#!/usr/bin/env bash
# Registry benchmark (issue 8 point 7), on a loopback docker-registry (TLS from a CA made
# here, anonymous pull) holding a realistic image of >= 1 GB in several gzip layers
# (made from this machine's /usr), against what a user runs instead, in the same run:
#   (a) config-only rules (`--select` of the rules that need only manifest and config):
#       bytes the registry sent and wall time, beside `skopeo inspect --config`;
#   (b) all rules, straight from the registry: wall time and peak memory, beside
#       `skopeo copy docker://... oci:DIR` followed by `sagelint lint oci:DIR`.
#   bench/registry/run.sh [BUILD_DIR]      (default: build; RUNS=N alternated pairs, 5)
# Not run in CI. Writes only under bench/out/registry (gitignored), deleted at the end
# unless KEEP=1; with KEEP=1 a later run reuses the image built there.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib/alternate.sh
alt_runs=${RUNS:-5}  # alternated pairs for (b)
build=${1:-build}
sagelint=$(cd "$build" && pwd)/sagelint
[ -x "$sagelint" ] || { echo "build $sagelint first (cmake --build $build --target sagelint)"; exit 1; }
for tool in docker-registry skopeo openssl python3 gzip; do
  command -v $tool >/dev/null || { echo "$tool is not installed (scripts/setup.sh --test)"; exit 1; }
done
out=$(pwd)/bench/out/registry
if [ -n "${KEEP:-}" ] && [ -f "$out/layout/index.json" ]; then
  find "$out" -mindepth 1 -maxdepth 1 ! -name layout -exec rm -rf {} +
else
  rm -rf "$out"
fi
mkdir -p "$out"
registry_pid=
cleanup() {
  if [ -n "$registry_pid" ]; then kill "$registry_pid" 2>/dev/null || true; wait "$registry_pid" 2>/dev/null || true; fi
  if [ -n "${KEEP:-}" ]; then echo "kept $out"; else rm -rf "$out"; fi
}
trap cleanup EXIT
cd "$out"

# ---- the image: layers from /usr, gzip -6, as an OCI layout --------------------------
build_image() {
layers_src=(usr/include usr/sbin usr/bin usr/libexec usr/lib/gcc usr/lib/python3.11)
echo "== building gzip layers from /usr (${layers_src[*]})"
mkdir -p layers
n=0
for src in "${layers_src[@]}"; do
  [ -d "/$src" ] || continue
  tar -C / --numeric-owner -cf "layers/$n.tar" "$src" 2>/dev/null || true
  n=$((n + 1))
done
total=$(cat layers/*.tar | wc -c)
for ((k = 0; k < n; k += 2)); do
  gzip -6 "layers/$k.tar" &
  [ $((k + 1)) -lt "$n" ] && gzip -6 "layers/$((k + 1)).tar" &
  wait
done
python3 - "$n" <<'PY'
import gzip, hashlib, json, os, sys
n = int(sys.argv[1])
os.makedirs("layout/blobs/sha256")
def blob(path_or_bytes):
    h = hashlib.sha256()
    if isinstance(path_or_bytes, bytes):
        h.update(path_or_bytes); digest = h.hexdigest()
        open(f"layout/blobs/sha256/{digest}", "wb").write(path_or_bytes)
        return "sha256:" + digest, len(path_or_bytes)
    with open(path_or_bytes, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    size = os.path.getsize(path_or_bytes)
    os.rename(path_or_bytes, f"layout/blobs/sha256/{h.hexdigest()}")
    return "sha256:" + h.hexdigest(), size
layers, diff_ids = [], []
for k in range(n):
    h = hashlib.sha256()
    with gzip.open(f"layers/{k}.tar.gz", "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""): h.update(chunk)
    diff_ids.append("sha256:" + h.hexdigest())
    d, s = blob(f"layers/{k}.tar.gz")
    layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": d, "size": s})
config = json.dumps({"architecture": "amd64", "os": "linux",
    "config": {"Entrypoint": ["/usr/bin/python3", "/opt/ml/code/run.py"], "Env": ["PATH=/usr/bin:/bin"],
               "WorkingDir": "/opt/ml/code"},
    "rootfs": {"type": "layers", "diff_ids": diff_ids},
    "history": [{"created_by": f"COPY layer {k}"} for k in range(n)]}).encode()
cd, cs = blob(config)
manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
    "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
    "layers": layers}).encode()
md, ms = blob(manifest)
json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
    "digest": md, "size": ms, "annotations": {"org.opencontainers.image.ref.name": "1"}}]},
    open("layout/index.json", "w"))
open("layout/oci-layout", "w").write('{"imageLayoutVersion":"1.0.0"}')
PY
echo "$total" >layout/uncompressed-bytes  # beside the layout, for a KEEP=1 rerun
rm -rf layers
}
[ -f layout/index.json ] || build_image
total=$(cat layout/uncompressed-bytes)
compressed=$(du -sb layout/blobs | cut -f1)
echo "   $(($(find layout/blobs/sha256 -type f | wc -l) - 2)) layers, $((total / 1048576)) MiB uncompressed, $((compressed / 1048576)) MiB compressed"
[ "$total" -ge 1000000000 ] || echo "   (less than 1 GB: this machine's /usr is small)"

# ---- a loopback registry with TLS from a throwaway CA --------------------------------
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 1 -subj /CN=bench-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout srv.key -out srv.csr -subj /CN=127.0.0.1 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' >san.ext
openssl x509 -req -in srv.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out srv.crt -days 1 \
  -extfile san.ext 2>/dev/null
mkdir -p certs && cp ca.crt certs/ca.crt
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >registry.yml <<EOF
version: 0.1
log: {level: info, formatter: text}
storage: {filesystem: {rootdirectory: $out/storage}}
http: {addr: 127.0.0.1:$port, tls: {certificate: $out/srv.crt, key: $out/srv.key}}
EOF
docker-registry serve registry.yml >registry.log 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  curl -sf -o /dev/null --cacert ca.crt "https://127.0.0.1:$port/v2/" && break
  sleep 0.2
done
ref=127.0.0.1:$port/bench/usr:1
echo "== pushing to docker://$ref"
skopeo copy -q --dest-cert-dir certs oci:layout:1 "docker://$ref"

# Bytes the registry sent for the requests logged after mark_log: the access log's
# response sizes (common log format: "... HTTP/1.1" STATUS BYTES ...).
mark_log() { wc -l <registry.log; }
sent_since() {
  tail -n +"$(($1 + 1))" registry.log |
    awk 'match($0, /"(GET|HEAD) [^"]*" [0-9]+ [0-9]+/) { split(substr($0, RSTART, RLENGTH), f, " "); b += f[5] } END { print b + 0 }'
}

# ---- measurements ----------------------------------------------------------------------
# The machine may be shared: wall time is what users see, CPU time (user+sys) is the
# steadier measure of work done; both are printed.
declare -A secs cpu mem bytes
measure() {  # measure NAME COMMAND : best wall and CPU of 3 runs, peak RSS, registry bytes of the last
  local name=$1 best="" best_cpu="" peak=0 t u s m c mark
  shift
  for _ in 1 2 3; do
    [ -n "${prep:-}" ] && bash -c "$prep"  # untimed set-up before each run
    mark=$(mark_log)
    /usr/bin/time -f "%e %U %S %M" -o time.txt bash -c "$*" >cmd.out 2>cmd.err || {
      local rc=$?
      # sagelint exits 1 when it finds something: that is a result, not a failure.
      [ $rc = 1 ] && grep -q '"findings"' cmd.out 2>/dev/null || { cat cmd.err; exit 1; }
    }
    read -r t u s m < <(tail -1 time.txt)  # after "Command exited with non-zero status 1"
    c=$(awk "BEGIN{print $u + $s}")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    if [ -z "$best_cpu" ] || awk "BEGIN{exit !($c < $best_cpu)}"; then best_cpu=$c; fi
    [ "$m" -gt "$peak" ] && peak=$m
    sleep 0.3  # the registry logs a response after it is sent
    bytes[$name]=$(sent_since "$mark")
  done
  secs[$name]=$best
  cpu[$name]=$best_cpu
  mem[$name]=$((peak / 1024))
  printf '   %-44s %7.2f s wall %7.2f s cpu %5d MiB %11d bytes from the registry\n' \
    "$name" "$best" "$best_cpu" "$((peak / 1024))" "${bytes[$name]}"
}
ratio() { awk "BEGIN{printf \"%5.2f wall %5.2f cpu\", ${secs[$1]} / ${secs[$2]}, ${cpu[$1]} / (${cpu[$2]} > 0 ? ${cpu[$2]} : 0.01)}"; }
reg="--cert-dir $out/certs"
# --no-cache: the layer cache (image/layer_cache) would answer every run after the first
# from disk and fetch no layer at all; (b) measures reading the layers.
nc=--no-cache
config_only=SMP001,SMP002,SMP003,SMP004,SMP005,SMP007,SMP011

echo "== (a) config-only rules"
measure "sagelint lint --select (config-only rules)" "$sagelint lint -f json $reg --select $config_only docker://$ref"
measure "skopeo inspect --config" "skopeo inspect --config --cert-dir $out/certs docker://$ref"

echo "== (b) all rules"
measure "sagelint lint docker://" "$sagelint lint -f json $nc $reg docker://$ref"
prep="rm -rf $out/copy"
measure "skopeo copy docker:// oci:" "skopeo copy -q --src-cert-dir $out/certs docker://$ref oci:$out/copy:1"
prep=""
measure "sagelint lint oci: (of the copy)" "$sagelint lint -f json $nc oci:$out/copy:1"
secs["copy then lint"]=$(awk "BEGIN{print ${secs["skopeo copy docker:// oci:"]} + ${secs["sagelint lint oci: (of the copy)"]}}")
cpu["copy then lint"]=$(awk "BEGIN{print ${cpu["skopeo copy docker:// oci:"]} + ${cpu["sagelint lint oci: (of the copy)"]}}")
copy_then_lint=${secs["copy then lint"]}
# The floor of any reader of these layers: decompressing them (gzip -dc, in turn).
layer_blobs=$(find "$out/layout/blobs/sha256" -type f -size +1M | sort | tr '\n' ' ')
measure "floor: gzip -dc of the layers (in turn)" "for b in $layer_blobs; do gzip -dc \$b >/dev/null; done"
"$sagelint" lint -f json $nc $reg docker://"$ref" >direct.json || true
"$sagelint" lint -f json $nc oci:"$out/copy:1" >copy.json || true
same=$(python3 - <<'PY'
import json
a, b = (json.load(open(f)) for f in ("direct.json", "copy.json"))
strip = lambda d: sorted(json.dumps({k: v for k, v in f.items() if k != "target"}, sort_keys=True) for f in d["findings"])
print("same findings" if strip(a) == strip(b) else "DIFFERENT findings")
PY
)

# The same pair in alternation (bench/lib/alternate.sh), medians: on a shared machine a
# single ordered pair is noisy. sagelint exits 1 when it finds something.
echo "== (b) alternated, $alt_runs runs each"
ALT_ERR=$out/alt.err alternate "$alt_runs" "rm -rf $out/copy" \
  "sagelint lint docker://" "$sagelint lint -f json $nc $reg docker://$ref || [ \$? = 1 ]" \
  "copy then lint" "skopeo copy -q --src-cert-dir $out/certs docker://$ref oci:$out/copy:1 && { $sagelint lint -f json $nc oci:$out/copy:1 || [ \$? = 1 ]; }"
alt_direct=$(awk "BEGIN{printf \"%5.2f\", 1 / $ALT_RATIO}")

echo "== ratios (goal)"
echo "   (a) bytes fetched, sagelint config-only:             ${bytes["sagelint lint --select (config-only rules)"]} bytes  (< 65536)"
echo "   (a) bytes, sagelint / skopeo inspect --config:      $(awk "BEGIN{printf \"%5.2f\", ${bytes["sagelint lint --select (config-only rules)"]} / ${bytes["skopeo inspect --config"]}}")"
echo "   (a) sagelint / skopeo inspect --config:             $(ratio "sagelint lint --select (config-only rules)" "skopeo inspect --config")"
echo "   (b) sagelint docker:// / copy then lint:            $(ratio "sagelint lint docker://" "copy then lint")  (<= 0.6 wall)  [copy then lint: ${copy_then_lint} s wall]"
echo "   (b) same, medians of $alt_runs alternated runs:              $alt_direct wall  (<= 0.6 wall)"
echo "   (b) sagelint docker:// / gzip -dc floor:            $(ratio "sagelint lint docker://" "floor: gzip -dc of the layers (in turn)")"
echo "   (b) peak memory, sagelint docker://:                 ${mem["sagelint lint docker://"]} MiB  (< 100)"
echo "   (b) peak memory, skopeo copy / sagelint lint oci::   ${mem["skopeo copy docker:// oci:"]} / ${mem["sagelint lint oci: (of the copy)"]} MiB"
echo "   (b) findings, docker:// against the copy:            $same"

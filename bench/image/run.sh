#!/usr/bin/env bash
# Image reader benchmark: a realistic image (>= 1 GB in several layers, from this
# machine's /usr) as a classic docker save, an OCI layout with gzip layers and one
# with zstd layers; the reader (verify on and --no-verify) against the floors in the
# same run (best of 2): gzip -dc / zstd -dc of the same layers (plus sha256sum of their
# output), sha256sum and tar -t of the uncompressed archive, skopeo inspect. Unpacking
# (unpack_rootfs) against tar -x of the same layers alternates the two on fresh
# directories and compares medians (BENCH_RUNS per pair, default 5).
#   bench/image/run.sh [BUILD_DIR]      (default: build)
# Writes only under bench/out/image (gitignored) and deletes the big files at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
inspect=$build/bench/inspect_bench
[ -x "$inspect" ] || { echo "build $inspect first (cmake --build $build --target inspect_bench)"; exit 1; }
out=bench/out/image
rm -rf "$out"
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

# ---- the image -------------------------------------------------------------
layers_src=(usr/include usr/sbin usr/bin usr/libexec usr/share)
echo "== building layers from /usr (${layers_src[*]})"
mkdir -p "$out/layers"
i=0
for src in "${layers_src[@]}"; do
  [ -d "/$src" ] || continue
  tar -C / --numeric-owner -cf "$out/layers/$i.tar" "$src" 2>/dev/null || true
  i=$((i + 1))
done
n=$i
total=$(cat "$out"/layers/*.tar | wc -c)
echo "   $n layers, $((total / 1048576)) MiB uncompressed, $(find /${layers_src[0]} /${layers_src[1]} /${layers_src[2]} /${layers_src[3]} /${layers_src[4]} 2>/dev/null | wc -l) entries"
[ "$total" -ge 1000000000 ] || echo "   (less than 1 GB: this machine's /usr is small)"

echo "== compressing (gzip -6, zstd -3), two layers at a time"
for ((k = 0; k < n; k++)); do
  ( gzip -6 -c "$out/layers/$k.tar" >"$out/layers/$k.tar.gz" ) &
  ( zstd -q -3 -c "$out/layers/$k.tar" >"$out/layers/$k.tar.zst" ) &
  wait
done

sha() { sha256sum "$1" | cut -d' ' -f1; }
diff_ids=()
for ((k = 0; k < n; k++)); do diff_ids+=("sha256:$(sha "$out/layers/$k.tar")"); done
json_list() { local IFS=,; echo "$*"; }
quoted=()
for d in "${diff_ids[@]}"; do quoted+=("\"$d\""); done
history=()
for ((k = 0; k < n; k++)); do history+=("{\"created_by\":\"COPY ${layers_src[$k]} /${layers_src[$k]}\"}"); done
config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":[\"/usr/bin/python3\",\"run.py\"],\"Env\":[\"PATH=/usr/bin\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$(json_list "${quoted[@]}")]},\"history\":[$(json_list "${history[@]}")]}"

# Classic docker save: <id>/layer.tar + <config>.json + manifest.json, tarred.
ds=$out/docker-save
mkdir -p "$ds"
printf '%s' "$config" >"$ds/config.tmp"
cfg=$(sha "$ds/config.tmp")
mv "$ds/config.tmp" "$ds/$cfg.json"
layer_names=()
for ((k = 0; k < n; k++)); do
  id=$(echo "$k${diff_ids[$k]}" | sha256sum | cut -d' ' -f1)
  mkdir -p "$ds/$id"
  ln "$out/layers/$k.tar" "$ds/$id/layer.tar"  # the layer tars stay for the tar -t floor
  layer_names+=("\"$id/layer.tar\"")
done
printf '[{"Config":"%s.json","RepoTags":["bench/usr:1"],"Layers":[%s]}]' "$cfg" "$(json_list "${layer_names[@]}")" >"$ds/manifest.json"
tar -C "$ds" -cf "$out/docker-save.tar" .
rm -rf "$ds"

# OCI layouts with gzip and with zstd layers.
make_layout() {  # make_layout DIR EXT MEDIATYPE_SUFFIX
  local dir=$1 ext=$2 suffix=$3 descs=() k d size
  mkdir -p "$dir/blobs/sha256"
  for ((k = 0; k < n; k++)); do
    d=$(sha "$out/layers/$k.tar.$ext")
    size=$(stat -c %s "$out/layers/$k.tar.$ext")
    mv "$out/layers/$k.tar.$ext" "$dir/blobs/sha256/$d"
    descs+=("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+$suffix\",\"digest\":\"sha256:$d\",\"size\":$size}")
  done
  printf '%s' "$config" >"$dir/blobs/sha256/$cfg"
  local manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:$cfg\",\"size\":${#config}},\"layers\":[$(json_list "${descs[@]}")]}"
  printf '%s' "$manifest" >"$dir/manifest.tmp"
  local md
  md=$(sha "$dir/manifest.tmp")
  mv "$dir/manifest.tmp" "$dir/blobs/sha256/$md"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"1"}}]}' \
    "$md" "$(stat -c %s "$dir/blobs/sha256/$md")" >"$dir/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
}
make_layout "$out/oci-gzip" gz gzip
make_layout "$out/oci-zstd" zst zstd
blobs() { find "$1/blobs/sha256" -type f -size +1M | sort; }

# ---- measurements ------------------------------------------------------------
# Every input is read once before timing so all runs see a warm page cache.
cat "$out/docker-save.tar" "$out"/oci-gzip/blobs/sha256/* "$out"/oci-zstd/blobs/sha256/* >/dev/null

# The machine may be shared: wall time is what users see, CPU time (user+sys) is the
# steadier measure of work done. Both are printed; ratios are given for both.
declare -A secs cpu mem
measure() {  # measure NAME COMMAND... : best of 2 runs (wall and CPU), peak RSS of the larger
  local name=$1 best="" best_cpu="" peak=0 t u s m c
  shift
  for _ in 1 2; do
    [ -n "${prep:-}" ] && bash -c "$prep"  # untimed set-up before each run
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" bash -c "$*" >/dev/null 2>"$out/stderr" || { cat "$out/stderr"; exit 1; }
    read -r t u s m <"$out/time"
    c=$(awk "BEGIN{print $u + $s}")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
    if [ -z "$best_cpu" ] || awk "BEGIN{exit !($c < $best_cpu)}"; then best_cpu=$c; fi
    [ "$m" -gt "$peak" ] && peak=$m
  done
  secs[$name]=$best
  cpu[$name]=$best_cpu
  mem[$name]=$((peak / 1024))
  printf '   %-46s %7.2f s wall %7.2f s cpu %6d MiB\n' "$name" "$best" "$best_cpu" "$((peak / 1024))"
}
ratio() {  # ratio A B: wall and CPU time of A over B
  awk "BEGIN{printf \"%5.2f wall %5.2f cpu\", ${secs[$1]} / ${secs[$2]}, ${cpu[$1]} / (${cpu[$2]} > 0 ? ${cpu[$2]} : 0.01)}"
}

gz_list=$(blobs "$out/oci-gzip" | tr '\n' ' ')
zst_list=$(blobs "$out/oci-zstd" | tr '\n' ' ')

echo "== OCI layout, gzip layers ($(du -sm "$out/oci-gzip" | cut -f1) MiB)"
measure "floor: gzip -dc (layers in turn)" "for b in $gz_list; do gzip -dc \$b; done"
measure "floor: gzip -dc | sha256 (in turn)" "for b in $gz_list; do gzip -dc \$b | openssl dgst -sha256; openssl dgst -sha256 \$b; done"
measure "sagelint reader, verify" "$inspect --summary $out/oci-gzip"
measure "sagelint reader, --no-verify" "$inspect --summary --no-verify $out/oci-gzip"
command -v skopeo >/dev/null && measure "skopeo inspect oci:" "skopeo inspect oci:$out/oci-gzip:1"

echo "== OCI layout, zstd layers ($(du -sm "$out/oci-zstd" | cut -f1) MiB)"
measure "floor: zstd -dc (layers in turn)" "for b in $zst_list; do zstd -q -dc \$b; done"
measure "floor: zstd -dc | sha256 (in turn)" "for b in $zst_list; do zstd -q -dc \$b | openssl dgst -sha256; openssl dgst -sha256 \$b; done"
measure "sagelint reader, verify (zstd)" "$inspect --summary $out/oci-zstd"
measure "sagelint reader, --no-verify (zstd)" "$inspect --summary --no-verify $out/oci-zstd"

echo "== classic docker save, uncompressed ($(($(stat -c %s "$out/docker-save.tar") / 1048576)) MiB)"
measure "floor: sha256sum of the archive" "sha256sum $out/docker-save.tar"
measure "floor: openssl dgst -sha256 of the archive" "openssl dgst -sha256 $out/docker-save.tar"
measure "tar -tf of the archive (outer members)" "tar -tf $out/docker-save.tar"
measure "tar -tf of each layer tar (in turn)" "for l in $out/layers/*.tar; do tar -tf \$l; done"
measure "sagelint reader, verify (docker save)" "$inspect --summary $out/docker-save.tar"
measure "sagelint reader, --no-verify (docker save)" "$inspect --summary --no-verify $out/docker-save.tar"
"$inspect" --summary --no-verify "$out/docker-save.tar" 2>"$out/meta" >/dev/null
read_pct=$(python3 -c "import json,sys; m=json.load(open('$out/meta')); print('%.2f' % (100.0*m['bytes_read']/m['input_bytes']))" 2>/dev/null ||
  sed -E 's/.*"bytes_read":([0-9]+).*"input_bytes":([0-9]+).*/\1 \2/' "$out/meta" | awk '{printf "%.2f", 100*$1/$2}')
command -v skopeo >/dev/null && measure "skopeo inspect docker-archive:" "skopeo inspect docker-archive:$out/docker-save.tar"

echo "== unpacking (unpack_rootfs for sagelint run) against tar -x of the same layers"
echo "   (${BENCH_RUNS:-5} alternating runs per pair on fresh directories, medians: bench/lib/alternate.sh)"
source bench/lib/alternate.sh
u=$out/unpacked
ALT_ERR=$out/stderr
alternate "${BENCH_RUNS:-5}" "rm -rf $u; mkdir -p $u" \
  "tar -xf of each layer tar (in turn)" "for l in $out/layers/*.tar; do tar -C $u -xf \$l; done" \
  "unpack_rootfs, docker save, verify" "$inspect --unpack $u $out/docker-save.tar"
unpack_verify_ratio=$ALT_RATIO unpack_verify_ratio_cpu=$ALT_CPU_RATIO
alternate "${BENCH_RUNS:-5}" "rm -rf $u; mkdir -p $u" \
  "tar -xf of each layer tar (in turn)" "for l in $out/layers/*.tar; do tar -C $u -xf \$l; done" \
  "unpack_rootfs, docker save, --no-verify" "$inspect --unpack $u --no-verify $out/docker-save.tar"
unpack_noverify_ratio=$ALT_RATIO unpack_noverify_ratio_cpu=$ALT_CPU_RATIO
alternate "${BENCH_RUNS:-5}" "rm -rf $u; mkdir -p $u" \
  "tar -xzf of each gzip layer (in turn)" "for l in $gz_list; do tar -C $u -xzf \$l; done" \
  "unpack_rootfs, gzip layout, verify" "$inspect --unpack $u $out/oci-gzip"
unpack_gzip_ratio=$ALT_RATIO unpack_gzip_ratio_cpu=$ALT_CPU_RATIO
rm -rf "$u"

echo "== ratios (goal)"
echo "   verify, gzip / gzip -dc floor:                  $(ratio "sagelint reader, verify" "floor: gzip -dc (layers in turn)")  (<= 1.1)"
echo "   verify, gzip / gzip -dc + sha256 floor:         $(ratio "sagelint reader, verify" "floor: gzip -dc | sha256 (in turn)")"
echo "   verify, zstd / zstd -dc floor:                  $(ratio "sagelint reader, verify (zstd)" "floor: zstd -dc (layers in turn)")  (<= 1.1)"
echo "   verify, zstd / zstd -dc + sha256 floor:         $(ratio "sagelint reader, verify (zstd)" "floor: zstd -dc | sha256 (in turn)")"
echo "   verify, docker save / sha256sum:                $(ratio "sagelint reader, verify (docker save)" "floor: sha256sum of the archive")  (<= 1.1)"
echo "   verify, docker save / openssl sha256:           $(ratio "sagelint reader, verify (docker save)" "floor: openssl dgst -sha256 of the archive")"
echo "   --no-verify, docker save / tar -tf of layers:   $(ratio "sagelint reader, --no-verify (docker save)" "tar -tf of each layer tar (in turn)")"
echo "   --no-verify, docker save: bytes read            ${read_pct}% of the archive  (< 10%)"
echo "   unpack, docker save, verify / tar -xf:          ${unpack_verify_ratio} wall, ${unpack_verify_ratio_cpu} CPU (medians)  (<= 1.2)"
echo "   unpack, docker save, --no-verify / tar -xf:     ${unpack_noverify_ratio} wall, ${unpack_noverify_ratio_cpu} CPU (medians)  (<= 1.2)"
echo "   unpack, gzip layout / tar -xzf:                 ${unpack_gzip_ratio} wall, ${unpack_gzip_ratio_cpu} CPU (medians)  (<= 1.2)"
peak=0
for k in "${!mem[@]}"; do
  case $k in sagelint* | unpack*) [ "${mem[$k]}" -gt "$peak" ] && peak=${mem[$k]} ;; esac
done
echo "   peak memory of the reader, any case:              ${peak} MiB  (< 100)"

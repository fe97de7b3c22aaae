#!/usr/bin/env bash
# The overhead of `sagelint run` for a job that exits at once, against a bare
# `runc run` of the same bundle and against `docker run` of the same image; the unpack
# of a ~1 GB image against `tar -x` of the same layers; and the copy of inputs in and
# outputs back (runtime/tree_copy) against `cp -a` of the same tree. Prints the ratios.
#   bench/run/run.sh [BUILD_DIR]     (default build/; needs root, runc, hyperfine,
#                                     busybox-static; docker part needs dockerd)
#   BENCH_RUNS=N: alternating runs per pair for unpack and copy (default 7)
#   BENCH_ONLY=copy: only the unpack and copy parts (no runc, hyperfine or dockerd needed)
# Goals: sagelint run < 2x a bare runc run; unpack and copy within 1.2x of tar / cp -a.
# Unpack and copy alternate sagelint and the floor on fresh directories and compare
# medians (bench/lib/alternate.sh): a single ordered run here measured anywhere from 1.0x
# to 5.7x.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build}
[ -x "$build/sagelint" ] || { echo "bench: build $build first (cmake --build $build --target sagelint)"; exit 2; }
cmake --build "$build" --target unpack_bench copy_bench -j 2 >/dev/null
source bench/lib/alternate.sh
runs=${BENCH_RUNS:-7}
if [ "${BENCH_ONLY:-}" != copy ]; then
  for tool in runc hyperfine busybox sha256sum; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is not installed"; exit 2; }
  done
  [ "$(id -u)" = 0 ] || { echo "bench: runc needs root"; exit 2; }
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-bench-run-XXXXXX")
dockerd_started=""
shm=""
cleanup() {
  runc --root "$work/state" delete --force bench-bare >/dev/null 2>&1 || true
  if [ -n "$dockerd_started" ]; then
    docker rmi -f sagelint-bench/busybox:1 >/dev/null 2>&1 || true
    source scripts/services.sh; services_stop
  fi
  [ -z "$shm" ] || rm -rf "$shm"
  rm -rf "$work"
}
trap cleanup EXIT

# A docker-save (classic) archive from layer directories: make_image OUT ENTRYPOINT_JSON DIR...
make_image() {
  local out=$1 entrypoint=$2; shift 2
  local stage="$work/stage-$(basename "$out" .tar)" diff_ids="" layers="" history=""
  mkdir -p "$stage"
  for dir in "$@"; do
    tar -C "$dir" -cf "$stage/layer.tar" .
    local sha; sha=$(sha256sum "$stage/layer.tar" | cut -d' ' -f1)
    mkdir -p "$stage/$sha"; mv "$stage/layer.tar" "$stage/$sha/layer.tar"
    diff_ids+="${diff_ids:+,}\"sha256:$sha\""
    layers+="${layers:+,}\"$sha/layer.tar\""
    history+="${history:+,}{\"created_by\":\"COPY $(basename "$dir") /\"}"
  done
  local config="{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Entrypoint\":$entrypoint},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[$diff_ids]},\"history\":[$history]}"
  local cfg_sha; cfg_sha=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
  printf '%s' "$config" >"$stage/$cfg_sha.json"
  printf '[{"Config":"%s.json","RepoTags":["sagelint-bench/%s:1"],"Layers":[%s]}]' \
    "$cfg_sha" "$(basename "$out" .tar)" "$layers" >"$stage/manifest.json"
  tar -C "$stage" -cf "$out" .
}

runc_ratio="skipped" shm_ratio="skipped" docker_ratio="skipped"
if [ "${BENCH_ONLY:-}" != copy ]; then
echo "== images"
mkdir -p "$work/busybox/bin" "$work/busybox/tmp" "$work/busybox/etc"
cp "$(command -v busybox)" "$work/busybox/bin/busybox"
for a in sh true echo sleep; do ln -s busybox "$work/busybox/bin/$a"; done
make_image "$work/small.tar" '["/bin/true"]' "$work/busybox"

# The bare bundle: the same rootfs, the config.json runc itself proposes, same argv.
mkdir -p "$work/bundle/rootfs" "$work/state"
cp -a "$work/busybox/." "$work/bundle/rootfs/"
(cd "$work/bundle" && runc spec)
python3 - "$work/bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p))
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/true"]
c["hostname"] = "algo-1"
json.dump(c, open(p, "w"))
PY

echo "== a job that exits at once: sagelint run vs bare runc run"
hyperfine --warmup 3 --runs 30 --export-json "$work/runc.json" \
  -n "runc run" "runc --root $work/state run --bundle $work/bundle bench-bare </dev/null" \
  -n "sagelint run (runc)" "TMPDIR=$work $build/sagelint run $work/small.tar --report /dev/null 2>/dev/null"
ratio() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print('%.2f' % (r[1]['mean']/r[0]['mean']))" "$1"; }
runc_ratio=$(ratio "$work/runc.json")

# The same pair with every directory on tmpfs: what is left is sagelint's own work, not
# the cost of creating and removing its directories on the disk's filesystem.
shm_ratio="skipped"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then
  shm=$(mktemp -d /dev/shm/sagelint-bench-run-XXXXXX)
  cp -a "$work/bundle" "$shm/bundle"; cp "$work/small.tar" "$shm/"
  hyperfine --warmup 3 --runs 30 --export-json "$work/shm.json" \
    -n "runc run (tmpfs)" "runc --root $shm/state run --bundle $shm/bundle bench-bare </dev/null" \
    -n "sagelint run (runc, TMPDIR on tmpfs)" "TMPDIR=$shm $build/sagelint run $shm/small.tar --report /dev/null 2>/dev/null"
  shm_ratio=$(ratio "$work/shm.json")
  rm -rf "$shm"
fi

docker_ratio="skipped"
if command -v dockerd >/dev/null; then
  if [ -z "${DOCKER_HOST:-}" ]; then
    export SAGELINT_SVC_DIR="$work/svc"
    source scripts/services.sh; services_start >/dev/null
    dockerd_started=1
    export DOCKER_HOST=${SAGELINT_TEST_DOCKER_HOST:-}
  fi
  if [ -n "${DOCKER_HOST:-}" ] && docker version >/dev/null 2>&1; then
    docker load -i "$work/small.tar" >/dev/null
    echo "== the same job on the Docker Engine: sagelint run docker: vs docker run"
    hyperfine --warmup 2 --runs 15 --export-json "$work/docker.json" \
      -n "docker run" "docker run --rm --network none sagelint-bench/small:1" \
      -n "sagelint run (docker)" "TMPDIR=$work $build/sagelint run docker:sagelint-bench/small:1 --report /dev/null 2>/dev/null"
    docker_ratio=$(ratio "$work/docker.json")
    docker rmi -f sagelint-bench/small:1 >/dev/null 2>&1 || true
  fi
fi
fi

echo "== unpack of a ~1 GB image vs tar -x of the same layers ($runs alternating runs each)"
for i in 1 2 3 4; do
  mkdir -p "$work/big$i/data$i"
  for f in $(seq 1 64); do head -c 4194304 /dev/urandom >"$work/big$i/data$i/f$f"; done
done
# Plus a tree of many small files and links (this machine's /usr/share/doc), the shape
# where per-entry costs show.
mkdir -p "$work/big5"
cp -a /usr/share/doc "$work/big5/doc" 2>/dev/null || true
make_image "$work/big.tar" '["/bin/true"]' "$work/big1" "$work/big2" "$work/big3" "$work/big4" "$work/big5"
layer_files=$(python3 -c "import json,sys; print(' '.join(json.load(open(sys.argv[1]))[0]['Layers']))" "$work/stage-big/manifest.json")
tar_cmd="mkdir $work/tar-out"
for l in $layer_files; do tar_cmd+=" && tar -xf $work/stage-big/$l -C $work/tar-out"; done
cat "$work"/stage-big/*/layer.tar "$work/big.tar" >/dev/null  # warm page cache for both
ALT_ERR=$work/alt.err
alternate "$runs" "rm -rf $work/tar-out $work/unpack-out" \
  "tar -x (layers in turn)" "$tar_cmd" \
  "sagelint unpack (digests verified)" "$build/bench/unpack_bench $work/big.tar $work/unpack-out"
unpack_ratio=$ALT_RATIO unpack_ratio_cpu=$ALT_CPU_RATIO
alternate "$runs" "rm -rf $work/tar-out $work/unpack-out" \
  "tar -x (layers in turn)" "$tar_cmd" \
  "sagelint unpack --no-verify" "$build/bench/unpack_bench --no-verify $work/big.tar $work/unpack-out"
unpack_noverify_ratio=$ALT_RATIO unpack_noverify_ratio_cpu=$ALT_CPU_RATIO

echo "== copying inputs in and outputs back vs cp -a of the same tree ($runs alternating runs each)"
# The same ~1 GB of files and the small-file tree, as one directory.
mkdir -p "$work/tree"
for i in 1 2 3 4 5; do mv "$work/big$i"/* "$work/tree/"; rmdir "$work/big$i"; done
echo "   $(find "$work/tree" | wc -l) entries, $(du -sm "$work/tree" | cut -f1) MiB"
find "$work/tree" -type f -exec cat {} + >/dev/null
alternate "$runs" "rm -rf $work/copy-out" \
  "cp -a" "cp -a $work/tree $work/copy-out" \
  "sagelint copy, inputs (links as links)" "$build/bench/copy_bench $work/tree $work/copy-out"
copy_in_ratio=$ALT_RATIO copy_in_ratio_cpu=$ALT_CPU_RATIO
alternate "$runs" "rm -rf $work/copy-out" \
  "cp -a" "cp -a $work/tree $work/copy-out" \
  "sagelint copy, outputs (links noted)" "$build/bench/copy_bench --outputs $work/tree $work/copy-out"
copy_out_ratio=$ALT_RATIO copy_out_ratio_cpu=$ALT_CPU_RATIO
rm -rf "$work/tree" "$work/copy-out"

echo
echo "sagelint run / runc run:                ${runc_ratio}$( [ "$runc_ratio" = skipped ] || echo x) (goal < 2x)"
echo "  the same with TMPDIR on tmpfs:         ${shm_ratio}$( [ "$shm_ratio" = skipped ] || echo x)"
echo "sagelint run / docker run:              ${docker_ratio}$( [ "$docker_ratio" = skipped ] || echo x)"
echo "unpack 1 GB / tar -x layers (medians):  ${unpack_ratio}x wall, ${unpack_ratio_cpu}x CPU (goal <= 1.2x; digests verified)"
echo "  without digest verification:          ${unpack_noverify_ratio}x wall, ${unpack_noverify_ratio_cpu}x CPU"
echo "copy in / cp -a (medians):              ${copy_in_ratio}x wall, ${copy_in_ratio_cpu}x CPU (goal <= 1.2x)"
echo "copy back / cp -a (medians):            ${copy_out_ratio}x wall, ${copy_out_ratio_cpu}x CPU (goal <= 1.2x)"
echo "(wall includes each side's own sync; taken under load $(cut -d' ' -f1-3 /proc/loadavg))"

#!/usr/bin/env bash
# End-to-end test of the image reader on real images: builds small images FROM scratch
# with busybox-static in the private dockerd (scripts/services.sh), exports them with
# `docker save`, converts them with skopeo to an OCI layout, an oci-archive and zstd
# layers, and checks that every shape of the same image reads the same.
#   tests/image_e2e.sh BUILD_DIR
# It compares what bench/image/inspect_bench prints (config, history, layers, merged
# tree, captured contents) and the findings of `sagelint lint -f json`.
set -euo pipefail
source "$(dirname "$0")/support/skip.sh"

build=${1:?usage: image_e2e.sh BUILD_DIR}
if [ -z "${SAGELINT_TEST_DOCKER_HOST:-}" ]; then
  skip "${SAGELINT_TEST_DOCKER_SKIP:-no private dockerd (SAGELINT_TEST_DOCKER_HOST is unset; scripts/test.sh starts one)}"
fi
export DOCKER_HOST=$SAGELINT_TEST_DOCKER_HOST
inspect=$build/bench/inspect_bench
[ -x "$inspect" ] || { echo "FAIL: $inspect is not built"; exit 1; }
for tool in docker skopeo zstd gzip; do
  command -v $tool >/dev/null || skip "$tool is not installed"
done
busybox=$(command -v busybox || true)
if [ -z "$busybox" ] || ! file -L "$busybox" 2>/dev/null | grep -q 'statically linked'; then
  [ -x /bin/busybox ] && busybox=/bin/busybox || skip "busybox-static is not installed"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-image-e2e.XXXXXX")
tag=sagelint-e2e-$$:1
cleanup() {
  docker rmi -f "$tag" >/dev/null 2>&1 || true
  rm -rf "$work"
}
[ -n "${KEEP:-}" ] && cleanup() { echo "kept $work"; }
trap cleanup EXIT

# The image (fixtures/images/reader-e2e): files under /opt/ml, one deleted by a later
# layer, a fake driver library with its soname link, an entry script, a stub path in Env
# and a shell-form ENTRYPOINT.
ctx=$work/context
mkdir -p "$ctx"
cp "$(dirname "$0")"/../fixtures/images/reader-e2e/{Dockerfile,entry.sh} "$ctx/"
chmod 755 "$ctx/entry.sh"
cp "$busybox" "$ctx/busybox"
printf '\177ELF fake driver library\n' >"$ctx/libcuda.so.535.104.05"
docker build -q --network none -t "$tag" "$ctx" >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }

shapes=()
docker save -o "$work/docker-save.tar" "$tag"; shapes+=(docker-save.tar)
gzip -c "$work/docker-save.tar" >"$work/docker-save.tar.gz"; shapes+=(docker-save.tar.gz)
zstd -q -c "$work/docker-save.tar" >"$work/docker-save.tar.zst"; shapes+=(docker-save.tar.zst)
skopeo copy -q "docker-archive:$work/docker-save.tar" "oci:$work/oci-layout:e2e"; shapes+=(oci-layout)
skopeo copy -q "docker-archive:$work/docker-save.tar" "oci-archive:$work/oci-archive.tar:e2e"; shapes+=(oci-archive.tar)
skopeo copy -q --dest-compress-format zstd "docker-archive:$work/docker-save.tar" "oci:$work/oci-zstd:e2e"
shapes+=(oci-zstd)
skopeo copy -q "docker-archive:$work/docker-save.tar" "docker-archive:$work/skopeo-docker-archive.tar"
shapes+=(skopeo-docker-archive.tar)

fail=0
check() {  # check DESCRIPTION COMMAND...
  if "${@:2}"; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
wanted=(--content /entry.sh --content /opt/ml/code/job.py)
for verify in "" --no-verify; do
  for s in "${shapes[@]}"; do
    if ! "$inspect" $verify "${wanted[@]}" "$work/$s" >"$work/$s$verify.json" 2>"$work/$s$verify.err"; then
      echo "FAIL: $s $verify: $(cat "$work/$s$verify.err")"; fail=1; continue
    fi
    check "$s $verify reads the same as docker-save.tar" cmp -s "$work/docker-save.tar.json" "$work/$s$verify.json" \
      || diff "$work/docker-save.tar.json" "$work/$s$verify.json" | head -20
  done
done

# The findings of `sagelint lint` must be the same for every shape (the target name aside).
sagelint=$build/sagelint
if [ -x "$sagelint" ]; then
  for s in "${shapes[@]}"; do
    code=0
    "$sagelint" lint --no-cache -f json "$work/$s" >"$work/$s.lint.raw" 2>"$work/$s.lint.err" || code=$?
    if [ $code -ne 1 ]; then
      echo "FAIL: sagelint lint $s exited $code (want 1: findings): $(head -c 300 "$work/$s.lint.err")"; fail=1; continue
    fi
    # The findings only: the targets' manifest digests and layer lists differ by shape.
    python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
for f in d["findings"]: f.pop("target", None)
print(json.dumps(d["findings"], indent=1, sort_keys=True))' "$work/$s.lint.raw" >"$work/$s.lint"
    check "sagelint lint $s: same findings as docker-save.tar" cmp -s "$work/docker-save.tar.lint" "$work/$s.lint" \
      || diff "$work/docker-save.tar.lint" "$work/$s.lint" | head -20
  done
  for rule in SMP001 SMP010 SMP011 SMP020 SMP021; do
    check "sagelint lint reports $rule" grep -q "\"rule\": \"$rule\"" "$work/docker-save.tar.lint"
  done
  check "SMP010 names /opt/ml/code/job.py, not the deleted /opt/ml/tmp.txt nor the empty /opt/ml/empty" bash -c \
    "grep -q '\"path\": \"/opt/ml/code/job.py\"' '$work/docker-save.tar.lint' &&
     ! grep -q '\"path\": \"/opt/ml/tmp.txt\"' '$work/docker-save.tar.lint' &&
     ! grep -q '\"path\": \"/opt/ml/empty\"' '$work/docker-save.tar.lint'"
else
  echo "note: $sagelint is not built; compared the reader's view only"
fi

j=$work/docker-save.tar.json
has() { grep -q -- "$1" "$j"; }
check "shell-form ENTRYPOINT in the config" has '"/entry.sh --mode batch"'
check "/opt/ml/code/job.py in the final filesystem" has '"path": "/opt/ml/code/job.py"'
check "the deleted /opt/ml/tmp.txt is not" bash -c "! grep -q '\"path\": \"/opt/ml/tmp.txt\"' '$j'"
check "the empty /opt/ml/empty directory is there" has '"path": "/opt/ml/empty"'
check "the driver library and its soname link" has '"path": "/usr/lib/x86_64-linux-gnu/libcuda.so.1"'
check "the entry script content" has 'python /opt/ml/code/job.py'
check "the stub path in Env" has 'LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs'
check "shapes detected" bash -c "grep -q '\"shape\":\"oci-layout\"' '$work/oci-layout.err' && grep -q '\"shape\":\"docker-save\"' '$work/docker-save.tar.err'"
check "layer compressions detected" bash -c "grep -q '\"compression\":\[\"zstd\"' '$work/oci-zstd.err' && grep -q '\"compression\":\[\"gzip\"' '$work/oci-layout.err' && grep -q '\"compression\":\[\"none\"' '$work/docker-save.tar.err'"

if [ $fail -ne 0 ]; then echo "image_e2e: FAILED"; exit 1; fi
echo "image_e2e: all ${#shapes[@]} shapes agree"

#!/usr/bin/env bash
# The container image of sagelint (packaging/build-image.sh, as `--target image`
# runs it): an OCI layout and an oci-archive under 16 MiB (issue 11 asked for 10; libcurl,
# which docker:// targets need, and its libraries add 6 MiB), FROM scratch with a
# non-root user (and a VERSION-processing tag of the same layer that runs as root), an exec-form ENTRYPOINT and org.opencontainers.image.* labels, and
# sagelint finds nothing in its own image. With the private dockerd (scripts/test.sh
# starts it), the archive loads with skopeo and `docker run --rm -i IMAGE lint -`
# lints a Dockerfile from stdin; without it that part is reported as skipped.
#   tests/image_test.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
src=$1 bin=$2
for tool in skopeo node; do
  command -v "$tool" >/dev/null ||
    { echo "SKIP: $tool is not installed (scripts/setup.sh --test installs it)"; exit 77; }
done
work=$(mktemp -d /tmp/sagelint-imagetest-XXXXXX)
tag="sagelint-imagetest:$$"
cleanup() {
  if [ -n "${SAGELINT_TEST_DOCKER_HOST:-}" ]; then
    DOCKER_HOST=$SAGELINT_TEST_DOCKER_HOST docker rmi -f "$tag" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

TMPDIR=$work "$src/packaging/build-image.sh" "$bin/sagelint" "$src" "$work/image" >"$work/build.log" 2>&1 ||
  { cat "$work/build.log"; fail "build-image.sh"; }
archive="$work/image/sagelint.oci.tar"
[ -f "$work/image/sagelint/index.json" ] || fail "no OCI layout"
size=$(stat -c %s "$archive")
echo "oci-archive: $size bytes"
[ "$size" -lt $((16 * 1024 * 1024)) ] || fail "the oci-archive is $size bytes, over 16 MiB"

version=$("$bin/sagelint" --version | awk '{print $2}')
skopeo inspect --config "oci-archive:$archive:$version" >"$work/config.json" || fail "skopeo cannot read the archive"
node -e '
  const c = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const cfg = c.config || {};
  const problems = [];
  if (!cfg.User || /^(0|root)(:|$)/.test(cfg.User)) problems.push(`user ${cfg.User}`);
  if (!Array.isArray(cfg.Entrypoint) || cfg.Entrypoint[0] !== "/usr/bin/sagelint") problems.push("entrypoint");
  for (const k of ["title", "description", "version", "revision", "created", "source"])
    if (!(cfg.Labels || {})[`org.opencontainers.image.${k}`]) problems.push(`label ${k}`);
  if (c.architecture !== "amd64" || c.os !== "linux") problems.push("platform");
  if ((c.rootfs.diff_ids || []).length !== 1) problems.push("expected one layer");
  if (problems.length) { console.log(problems.join(", ")); process.exit(1); }
' "$work/config.json" || fail "image config"
# The processing tag: the same layer, only the user differs (root, for SageMaker).
skopeo inspect --config "oci-archive:$archive:$version-processing" >"$work/config-processing.json" ||
  fail "no $version-processing tag"
node -e '
  const fs = require("fs"), read = f => JSON.parse(fs.readFileSync(f, "utf8"));
  const a = read(process.argv[1]), b = read(process.argv[2]);
  if (b.config.User !== "0:0") throw new Error(`processing tag user ${b.config.User}`);
  b.config.User = a.config.User;
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error("the tags differ in more than the user");
' "$work/config.json" "$work/config-processing.json" || fail "the $version-processing tag's config"
# Nothing but sagelint, its libraries, certificates and the account files: no shell.
layer=$(node -e '
  const fs = require("fs"), dir = process.argv[1];
  const blob = d => dir + "/blobs/" + d.replace(":", "/");
  const index = JSON.parse(fs.readFileSync(dir + "/index.json", "utf8"));
  const manifest = JSON.parse(fs.readFileSync(blob(index.manifests[0].digest), "utf8"));
  if (index.manifests[0].annotations["org.opencontainers.image.ref.name"] !== process.argv[2])
    throw new Error("tag " + process.argv[2] + " missing");
  console.log(blob(manifest.layers[0].digest));' "$work/image/sagelint" "$version") || fail "OCI layout index"
tar -tzf "$layer" | sed 's#^\./##; s#^/##' | sort >"$work/files"
grep -qx 'usr/bin/sagelint' "$work/files" || fail "no usr/bin/sagelint in the layer"
grep -qx 'etc/ssl/certs/ca-certificates.crt' "$work/files" || fail "no CA certificates"
# Loaded with dlopen() for docker:// targets, so ldd of the binary does not name it.
grep -qE '^(usr/)?lib/.*/libcurl\.so\.4$' "$work/files" || fail "no libcurl.so.4: the image cannot read registries"
if grep -qE '^(usr/)?bin/(sh|bash|busybox)$' "$work/files"; then fail "the image has a shell"; fi

set +e
"$bin/sagelint" lint -f json "oci-archive:$archive:$version" "oci-archive:$archive:$version-processing" \
  >"$work/self.json" 2>"$work/self.err"
code=$?
set -e
[ "$code" = 0 ] || { cat "$work/self.json" "$work/self.err"; fail "sagelint lint of its own image exited $code"; }
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  if (r.targets.length !== 2 || r.targets.some(t => t.error)) { console.log(JSON.stringify(r.targets)); process.exit(1); }
  if (r.findings.length) { console.log(JSON.stringify(r.findings)); process.exit(1); }' "$work/self.json" ||
  fail "sagelint finds something in its own image (both tags)"

if [ -z "${SAGELINT_TEST_DOCKER_HOST:-}" ]; then
  echo "SKIP: docker run of the image: ${SAGELINT_TEST_DOCKER_SKIP:-SAGELINT_TEST_DOCKER_HOST is unset (scripts/test.sh starts a private dockerd)}"
  exit 77
fi
export DOCKER_HOST=$SAGELINT_TEST_DOCKER_HOST
skopeo copy --quiet --dest-daemon-host "$DOCKER_HOST" "oci-archive:$archive:$version" "docker-daemon:$tag" ||
  fail "skopeo copy into dockerd"
set +e
docker run --rm -i --network none "$tag" lint - <"$src/examples/shell-entrypoint/Dockerfile" >"$work/run.out" 2>&1
code=$?
set -e
cat "$work/run.out"
[ "$code" = 1 ] || fail "docker run ... lint - exited $code, expected 1"
grep -q 'SMP001' "$work/run.out" || fail "no SMP001 from the container"
[ "$(docker run --rm "$tag" --version)" = "sagelint $version" ] || fail "--version in the container"
echo "PASS: the image is $size bytes, clean by its own rules, and lints stdin under docker run"

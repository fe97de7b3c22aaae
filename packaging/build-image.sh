#!/usr/bin/env bash
# The container image of sagelint, built with no daemon: a FROM-scratch root holding
# the stripped binary, exactly the shared libraries (and the loader) that `ldd` says
# it loads, libcurl (loaded on demand) and what it loads, CA certificates for registry TLS, and a non-root user; written as an OCI
# layout (one gzipped layer, config, manifest, index) and tarred as an oci-archive.
#   packaging/build-image.sh SAGELINT_BINARY SOURCE_DIR OUT_DIR
# writes OUT_DIR/sagelint/ (OCI layout, tag VERSION) and OUT_DIR/sagelint.oci.tar.
set -euo pipefail
bin=$1 src=$2 out=$3
ca=/etc/ssl/certs/ca-certificates.crt
[ -f "$ca" ] || { echo "build-image: $ca is missing (apt-get install ca-certificates)" >&2; exit 2; }

version=$("$bin" --version | awk '{print $2}')
# Reproducible: timestamps from the last commit when there is one.
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$src" log -1 --format=%ct 2>/dev/null || echo 0)}
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
revision=$(git -C "$src" rev-parse HEAD 2>/dev/null || echo unknown)

work=$(mktemp -d "${TMPDIR:-/tmp}/sagelint-image-XXXXXX")
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/usr/bin" "$root/etc/ssl/certs" "$root/tmp" "$root/home/sagelint" \
  "$root/opt/ml/processing/input" "$root/opt/ml/processing/output"
chmod 1777 "$root/tmp"
objcopy --strip-unneeded "$bin" "$root/usr/bin/sagelint"
chmod 0755 "$root/usr/bin/sagelint"
# libcurl is opened with dlopen() when a docker:// target is read (registry/
# curl_library.hpp), so ldd of the binary does not list it: without it the image could
# not audit a registry. It goes in with everything it loads itself.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
# awk reads to the end: leaving early would kill ldconfig with SIGPIPE, and pipefail.
curl_lib=$("$ldconfig" -p | awk '$1 == "libcurl.so.4" && !found { print $NF; found = 1 }')
[ -n "$curl_lib" ] && [ -f "$curl_lib" ] ||
  { echo "build-image: libcurl.so.4 is not installed (apt-get install libcurl4); the image needs it for docker:// targets" >&2; exit 2; }
for lib in $({ ldd "$bin"; echo "$curl_lib"; ldd "$curl_lib"; } | grep -oE '/[^ ]+' | sort -u); do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
  objcopy --strip-unneeded "$root$lib" 2>/dev/null || true
done
cp "$ca" "$root/etc/ssl/certs/ca-certificates.crt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nsagelint:x:65532:65532:sagelint:/home/sagelint:/sbin/nologin\n' >"$root/etc/passwd"
printf 'root:x:0:\nsagelint:x:65532:\n' >"$root/etc/group"
find "$root" -exec touch -h -d "@$epoch" {} +

layout="$out/sagelint"
rm -rf "$layout" "$out/sagelint.oci.tar"
mkdir -p "$layout/blobs/sha256"

# One layer: the root as a gzipped tar, owned by root, sorted, with fixed times, so
# the same sources give the same digests.
blob() {  # FILE -> moves it into blobs/, prints its digest
  local d
  d=$(sha256sum "$1" | cut -d' ' -f1)
  mv "$1" "$layout/blobs/sha256/$d"
  echo "sha256:$d"
}
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  --exclude=./home/sagelint --exclude=./opt/ml/processing/output -C "$root" -cf "$work/layer.tar" .
# The user's own directories, owned by the user.
tar --sort=name --mtime="@$epoch" --owner=65532 --group=65532 --numeric-owner \
  -C "$root" -rf "$work/layer.tar" ./home/sagelint ./opt/ml/processing/output
diff_id="sha256:$(sha256sum "$work/layer.tar" | cut -d' ' -f1)"
gzip -9n "$work/layer.tar"
layer_size=$(stat -c %s "$work/layer.tar.gz")
layer_digest=$(blob "$work/layer.tar.gz")

json_string() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }
labels=$(cat <<LABELS
"org.opencontainers.image.title": "sagelint",
"org.opencontainers.image.description": $(json_string "Lint Dockerfiles, images and CreateProcessingJob requests for SageMaker Processing"),
"org.opencontainers.image.version": $(json_string "$version"),
"org.opencontainers.image.revision": $(json_string "$revision"),
"org.opencontainers.image.created": "$created",
"org.opencontainers.image.source": "https://github.com/OWNER/sagelint",
"org.opencontainers.image.documentation": $(json_string "https://github.com/OWNER/sagelint/blob/v$version/README.md")
LABELS
)
# Two tags over the one layer, differing only in the config's User:
#   VERSION             runs as the non-root user sagelint (65532), for CI and docker run;
#   VERSION-processing  runs as root, for SageMaker Processing, which creates the
#                       /opt/ml/processing/* directories root-owned (sagemaker-python-sdk
#                       #4764) and has no request field to choose the user, so a non-root
#                       job cannot write its report (docs/processing-job.md).
manifest_for() {  # manifest_for USER -> writes config and manifest blobs, prints "DIGEST SIZE"
  cat >"$work/config.json" <<CONFIG
{"created": "$created", "architecture": "amd64", "os": "linux",
 "config": {"User": "$1", "WorkingDir": "/home/sagelint",
  "Env": ["PATH=/usr/bin", "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt"],
  "Entrypoint": ["/usr/bin/sagelint"], "Cmd": ["processing-job"],
  "Labels": {$labels}},
 "rootfs": {"type": "layers", "diff_ids": ["$diff_id"]},
 "history": [{"created": "$created", "created_by": "packaging/build-image.sh"}]}
CONFIG
  local config_size config_digest manifest_size
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$work/config.json"
  config_size=$(stat -c %s "$work/config.json")
  config_digest=$(blob "$work/config.json")
  cat >"$work/manifest.json" <<MANIFEST
{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
 "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "$config_digest", "size": $config_size},
 "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "$layer_digest", "size": $layer_size}],
 "annotations": {"org.opencontainers.image.created": "$created"}}
MANIFEST
  manifest_size=$(stat -c %s "$work/manifest.json")
  node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$work/manifest.json"
  echo "$(blob "$work/manifest.json") $manifest_size"
}
index_entry() {  # index_entry "DIGEST SIZE" TAG
  set -- $1 "$2"
  printf '{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "%s", "size": %s,\n  "annotations": {"org.opencontainers.image.ref.name": "%s"}}' "$1" "$2" "$3"
}
non_root=$(manifest_for 65532:65532)
processing=$(manifest_for 0:0)
printf '{"imageLayoutVersion": "1.0.0"}\n' >"$layout/oci-layout"
cat >"$layout/index.json" <<INDEX
{"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
 "manifests": [$(index_entry "$non_root" "$version"),
  $(index_entry "$processing" "$version-processing")]}
INDEX
node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$layout/index.json"
# An oci-archive is the layout as a tar (containers-transports(5)).
tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner \
  -C "$layout" -cf "$out/sagelint.oci.tar" .
echo "build-image: $out/sagelint.oci.tar ($(stat -c %s "$out/sagelint.oci.tar") bytes), tags $version and $version-processing"

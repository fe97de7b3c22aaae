#!/usr/bin/env bash
# Installs what sagelint needs from Debian's packages (idempotent; as root or via sudo).
#   scripts/setup.sh            what building sagelint needs
#   scripts/setup.sh --test     also what the tests and checks need (runtimes, pre-commit,
#                               clang for fuzzing, clang-format and clang-tidy)
# Building is the caller's: scripts/demo.sh builds the binary, scripts/test.sh everything.
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(g++ cmake make pkg-config tao-pegtl-dev nlohmann-json3-dev libarchive-dev
  doctest-dev libyaml-cpp-dev libcli11-dev libssl-dev libcurl4-openssl-dev libisal-dev zstd)
test_pkgs=(clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14 runc docker.io skopeo
  busybox-static pre-commit lintian dpkg-dev file python3-yaml git iproute2 gzip tar patch
  docker-registry apache2-utils openssl curl python3 chromium time)

want=("${build_pkgs[@]}")
if [ "${1:-}" = "--test" ]; then want+=("${test_pkgs[@]}"); fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Test-only tools from the npm registry, kept outside the source tree (tests look in
# the same place and report themselves skipped when the registry was out of reach).
if [ "${1:-}" = "--test" ]; then
  tools="${SAGELINT_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sagelint-test-tools}"
  multitool="$tools/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  if [ ! -x "$multitool" ] && command -v npm >/dev/null; then
    echo "setup: installing @microsoft/sarif-multitool into $tools"
    mkdir -p "$tools/sarif-multitool"
    npm install --silent --no-save --no-audit --no-fund --prefix "$tools/sarif-multitool" \
      @microsoft/sarif-multitool@5.7.0 >/dev/null 2>&1 || echo "setup: npm install failed; SARIF validation will be skipped"
    if [ -f "$multitool" ]; then chmod u+x "$multitool"; fi
  fi
fi


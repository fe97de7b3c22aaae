#!/usr/bin/env bash
# Installs what sagelint needs from Debian's packages (idempotent) and builds it.
#   scripts/setup.sh            build dependencies, then build/ (Release with debug info)
#   scripts/setup.sh --test     also what the tests need (runtimes, pre-commit, clang for fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."

build_pkgs=(g++ cmake make pkg-config tao-pegtl-dev nlohmann-json3-dev libarchive-dev
  doctest-dev libyaml-cpp-dev libcli11-dev libssl-dev zstd)
test_pkgs=(clang-14 libclang-rt-14-dev runc docker.io skopeo busybox-static pre-commit
  git iproute2 gzip tar python3)

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

jobs=$(nproc 2>/dev/null || echo 2)
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"

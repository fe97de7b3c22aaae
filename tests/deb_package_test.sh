#!/usr/bin/env bash
# The Debian package as a user gets it: CPack builds sagelint_VERSION_amd64.deb,
# lintian (Debian's package checker) finds no error in it, and it installs with
# `dpkg --root` into a throwaway root that holds nothing but the package and the
# shared libraries its Depends name. sagelint then runs from there under chroot, where
# no build tree exists: --version, and a lint of an example.
#   tests/deb_package_test.sh SOURCE_DIR BINARY_DIR
set -euo pipefail
src=$1 bin=$2
for tool in lintian dpkg-shlibdeps chroot; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (scripts/setup.sh --test installs it)"
    exit 77
  fi
done
if [ "$(id -u)" != 0 ]; then
  echo "SKIP: chroot into the throwaway root needs root"
  exit 77
fi

work=$(mktemp -d /tmp/sagelint-deb-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

cpack --config "$bin/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack"; }
version=$("$bin/sagelint" --version | awk '{print $2}')
deb="$work/pkg/sagelint_${version}_amd64.deb"
[ -f "$deb" ] || { ls "$work/pkg"; fail "no $deb"; }
echo "package: $(basename "$deb"), $(stat -c %s "$deb") bytes"

# lintian: no error (warnings and informational tags are shown, not fatal).
lintian --fail-on error --display-info "$deb" | tee "$work/lintian.log" || fail "lintian reports errors"

# `apt-get install ./sagelint_*.deb` (the README's command) resolves on this system;
# simulated, so the test changes nothing outside its directory.
apt-get install -s "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install -s"; }
grep -q '^Inst sagelint ' "$work/apt.log" || { cat "$work/apt.log"; fail "apt-get would not install sagelint"; }

# What the package holds.
dpkg-deb -c "$deb" >"$work/contents"
for path in ./usr/bin/sagelint ./usr/share/man/man1/sagelint.1.gz \
  ./usr/share/bash-completion/completions/sagelint ./usr/share/zsh/vendor-completions/_sagelint \
  ./usr/share/doc/sagelint/copyright ./usr/share/doc/sagelint/rules/SMP001.md; do
  grep -q " $path\$" "$work/contents" || fail "the package lacks $path"
done
bash -n <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/bash-completion/completions/sagelint) ||
  fail "the bash completion does not parse"

# The throwaway root: an empty dpkg database, the package, and exactly the shared
# libraries (and loader) the binary loads, each from a package its Depends names.
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/tmp"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log"; fail "dpkg --root -i"; }
dpkg --root="$root" -s sagelint | grep -q '^Status: install ok installed' || fail "not installed"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# The package that owns library file $1 (by its real path, else by the path itself) is in
# Depends; $2 says how sagelint loads it, for the message.
owner_in_depends() {
  local owner
  owner=$(dpkg -S "$(readlink -f "$1")" 2>/dev/null | head -1 | cut -d: -f1) || true
  [ -n "$owner" ] || owner=$(dpkg -S "$1" 2>/dev/null | head -1 | cut -d: -f1) || true
  grep -qE "(^|, )$owner( |,|$)" <<<"$depends" || fail "sagelint $2 $1 from $owner, which Depends lacks"
}
for lib in $(ldd "$root/usr/bin/sagelint" | grep -oE '/[^ ]+'); do
  owner_in_depends "$lib" links
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# And the libraries it dlopen()s (every dlopen("NAME") in the sources), which ldd and
# dpkg-shlibdeps cannot see.
for soname in $(grep -rhoE 'dlopen\("[^"]+"' --include='*.cpp' "$src" --exclude-dir='build*' | cut -d'"' -f2 | sort -u); do
  lib=$(ldconfig -p | awk -v n="$soname" '$1 == n && /x86-64/ {print $NF; exit}')
  [ -n "$lib" ] || fail "sagelint dlopens $soname, which this machine lacks"
  owner_in_depends "$lib" dlopens
done

chroot "$root" /usr/bin/sagelint --version | grep -qx "sagelint $version" || fail "--version in the root"
cp "$src/examples/shell-entrypoint/Dockerfile" "$root/tmp/Dockerfile"
set +e
chroot "$root" /usr/bin/sagelint lint -f gnu /tmp/Dockerfile >"$work/lint.out" 2>&1
code=$?
set -e
cat "$work/lint.out"
[ "$code" = 1 ] || fail "lint in the root exited $code, expected 1"
grep -q '^/tmp/Dockerfile:[0-9]*:[0-9]*: error: SMP001: ' "$work/lint.out" || fail "no SMP001 finding"
echo "PASS: $(basename "$deb") is lintian-clean and runs from a bare root"

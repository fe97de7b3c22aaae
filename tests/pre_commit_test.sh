#!/usr/bin/env bash
# Runs Debian's pre-commit, offline, against a sample git repository whose
# .pre-commit-config.yaml points at a git clone of this checkout (rev = HEAD), and
# checks one hook of .pre-commit-hooks.yaml: `sagelint` (language: system, the built
# binary on PATH) or `sagelint-build` (language: script, builds sagelint in pre-commit's
# cache, minutes). It must pass on good Dockerfiles and fail on a bad one.
# Everything is written under one temporary directory, removed at the end.
#
# Usage: pre_commit_test.sh SOURCE_DIR BINARY_DIR [system|build]   (default system)
set -euo pipefail
source "$(dirname "$0")/support/skip.sh"
src="$(cd "$1" && pwd)"
bindir="$(cd "$2" && pwd)"
hook_kind="${3:-system}"
case "$hook_kind" in
  system) hook=sagelint; how="" ;;
  build) hook=sagelint-build; how=" (built from source)" ;;
  *) echo "pre_commit_test.sh: unknown hook kind '$hook_kind' (system or build)" >&2; exit 2 ;;
esac

command -v pre-commit >/dev/null || skip "pre-commit is not installed"
git -C "$src" rev-parse HEAD >/dev/null 2>&1 || skip "$src is not a git checkout"
[ -x "$bindir/sagelint" ] || { echo "FAIL: no sagelint in $bindir"; exit 1; }
# The project's own hooks (.pre-commit-config.yaml) are a valid pre-commit config.
pre-commit validate-config "$src/.pre-commit-config.yaml" ||
  { echo "FAIL: .pre-commit-config.yaml is not a valid pre-commit config"; exit 1; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/sagelint-pre-commit-XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" PRE_COMMIT_HOME="$tmp/pre-commit-cache" XDG_CACHE_HOME="$tmp/cache"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
mkdir -p "$HOME"
git config --global init.defaultBranch main
git config --global protocol.file.allow always

# The hook repository: a clone of this checkout, as `repo:` would be fetched.
git clone -q "$src" "$tmp/hook-repo"
rev="$(git -C "$tmp/hook-repo" rev-parse HEAD)"

sample="$tmp/sample"
git init -q "$sample"
write_config() {
  cat >"$sample/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $tmp/hook-repo
    rev: $rev
    hooks:
      - id: $1
YAML
}
good="$(cat "$src/fixtures/dockerfiles/clean.Dockerfile")"
bad="$(cat "$src/fixtures/dockerfiles/shell-entrypoint.Dockerfile")"
failures=0
expect() {  # expect WANT(pass|fail) HOOK DESCRIPTION
  local want=$1 hook=$2 what=$3 out rc
  set +e
  out="$(cd "$sample" && PATH="$bindir:$PATH" pre-commit run --all-files "$hook" 2>&1)"
  rc=$?
  set -e
  if { [ "$want" = pass ] && [ $rc -eq 0 ]; } || { [ "$want" = fail ] && [ $rc -ne 0 ] && grep -q SMP001 <<<"$out"; }; then
    echo "ok: $hook $what ($want)"
  else
    echo "FAIL: $hook $what: wanted $want, pre-commit exited $rc"
    echo "$out" | tail -n 30
    failures=$((failures + 1))
  fi
}

printf '%s\n' "$good" >"$sample/Dockerfile"
printf '%s\n' "$good" >"$sample/app.Dockerfile"
printf 'print("hi")\n' >"$sample/run.py"
write_config "$hook"
git -C "$sample" add -A
expect pass "$hook" "good Dockerfiles$how"

mkdir -p "$sample/images/etl"
printf '%s\n' "$bad" >"$sample/images/etl/Containerfile"
git -C "$sample" add -A
expect fail "$hook" "a shell-form ENTRYPOINT in images/etl/Containerfile$how"

git -C "$sample" rm -q -f "images/etl/Containerfile"
expect pass "$hook" "good Dockerfiles again$how"

[ $failures -eq 0 ] || { echo "$failures pre-commit check(s) failed"; exit 1; }
echo "pre-commit hook $hook: all checks passed"

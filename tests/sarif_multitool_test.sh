#!/usr/bin/env bash
# `-f sarif` as GitHub code scanning ingests it: the SARIF Multitool (Microsoft's
# validator, installed by scripts/setup.sh --test into the test-tool cache) checks a
# report with its SARIF and GitHub-ingestion rules ("Gh;Sarif"); any error or warning
# fails. The report covers a Dockerfile inside the working directory, one outside it,
# a request and a clean file, so every location form is validated.
#   tests/sarif_multitool_test.sh SOURCE_DIR BINARY_DIR
#   tests/sarif_multitool_test.sh --validate REPORT.sarif   (only the Multitool's verdict on
#                                                           a report another test wrote)
set -euo pipefail
validate_only=""
if [ "${1:-}" = --validate ]; then
  validate_only=$2
else
  src=$1 bin=$2
fi
tools="${SAGELINT_TOOL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/sagelint-test-tools}"
multitool="$tools/sarif-multitool/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -x "$multitool" ]; then
  echo "SKIP: SARIF Multitool not installed at $multitool (scripts/setup.sh --test installs it from the npm registry)"
  exit 77
fi

work=$(mktemp -d /tmp/sagelint-sarif-XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -n "$validate_only" ]; then
  cp "$validate_only" "$work/report.sarif"
else
  mkdir -p "$work/repo/app" "$work/outside"
  cp "$src/examples/shell-entrypoint/Dockerfile" "$work/repo/app/Dockerfile"
  cp "$src/examples/clean-processing/Dockerfile" "$work/repo/clean.Dockerfile"
  cp "$src/examples/request-bad/job.json" "$work/repo/job.json"
  cp "$src/examples/copy-into-opt-ml/Dockerfile" "$work/outside/Dockerfile"

  cd "$work/repo"
  set +e
  "$bin/sagelint" lint -f sarif="$work/report.sarif" app/Dockerfile clean.Dockerfile job.json \
    "$work/outside/Dockerfile"
  code=$?
  set -e
  if [ "$code" != 1 ]; then
    echo "FAIL: sagelint lint exited $code, expected 1 (findings)"
    exit 1
  fi
fi

# The Multitool is a .NET single-file app: no telemetry, no globalization data needed.
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
"$multitool" validate --rule-kind "Gh;Sarif" --log ForceOverwrite -o "$work/verdict.sarif" \
  "$work/report.sarif" >"$work/multitool.log" 2>&1 || true
if [ ! -s "$work/verdict.sarif" ]; then
  echo "FAIL: the Multitool wrote no verdict:"
  cat "$work/multitool.log"
  exit 1
fi
# Its verdict is itself SARIF: count what it reports per level.
verdict=$(node -e '
  const log = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const results = log.runs.flatMap(r => r.results || []);
  const notes = log.runs.flatMap(r => (r.invocations || []).flatMap(i =>
    (i.toolExecutionNotifications || []).concat(i.toolConfigurationNotifications || [])));
  const bad = results.filter(r => (r.level || "warning") !== "note" && (r.level || "warning") !== "none");
  for (const r of bad) console.log(`${r.level || "warning"} ${r.ruleId}: ${r.message.text || JSON.stringify(r.message.arguments)}`);
  for (const n of notes.filter(n => n.level === "error")) console.log(`error (tool): ${n.message.text}`);
  console.log(`verdict: ${results.length} results, ${bad.length} errors or warnings`);
' "$work/verdict.sarif")
echo "$verdict"
if ! grep -q '^verdict: .* 0 errors or warnings$' <<<"$verdict" || grep -q '^error (tool)' <<<"$verdict"; then
  echo "FAIL: the Multitool rejects sagelint's SARIF"
  grep -v '^ ' "$work/multitool.log" | head -40
  exit 1
fi
echo "PASS: SARIF Multitool (Gh;Sarif rules) accepts the report"

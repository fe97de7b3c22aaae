// SMP901: a baseline entry that matches no finding. The lint engine reports it
// (lint/baseline.cpp) because only it sees which findings a baseline removed; this
// file holds its metadata so `sagelint rules`, the docs and SARIF know it.
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMP901",
    .severity = Severity::info,
    .title = "Baseline entry that matches no finding",
    .inputs = "any",
    .rationale =
        "A baseline (`--baseline FILE`) accepts the findings a repository had when sagelint "
        "was switched on, so that only new ones fail CI. An entry that matches no finding "
        "any more was fixed, or its file was renamed or removed, or the baseline belongs to "
        "another repository. Left in place it could one day hide a new finding that happens "
        "to match it (a new shell-form ENTRYPOINT or /opt/ml copy that would break a SageMaker "
        "Processing job); reporting it lets the baseline shrink as the debt is paid.",
    .bad =
        "{\"version\": 1, \"findings\": [{\"fingerprint\": \"...\", \"rule\": \"SMP001\", "
        "\"target\": \"old/Dockerfile\", \"message\": \"...\"}]}",
    .good = "{\"version\": 1, \"findings\": []}",
    .fix =
        "Regenerate the baseline with `--write-baseline FILE` (reasons, owners and expiry "
        "dates of entries that still match are kept), or delete the entry.",
    .details = R"md(## What is judged

- Each entry of the `--baseline` file whose target was linted in this run and whose
  fingerprint matched none of that target's findings. The finding is reported on that
  target, and names the start of the entry's fingerprint, its rule and its target.
- Each entry whose target does not exist relative to the baseline file's directory (the
  file was removed or renamed, or the baseline is another repository's). It is reported
  on the baseline file itself.
- An entry whose target exists but was not linted in this run is not judged: linting
  one file with the repository's baseline reports nothing about the others.
- An expired entry (`expires` before today) that matches is not SMP901: the finding is
  reported again, and its message names the entry and the date it expired.
- SMP901 is reported by the lint engine (lint/baseline.cpp), after every other rule ran.
)md",
    .example_syntax = "json",
};

}  // namespace

SAGELINT_RULE(SMP901, kInfo);

}  // namespace sagelint::rules

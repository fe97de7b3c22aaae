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
        "to match it; reporting it lets the baseline shrink as the debt is paid.",
    .bad =
        "{\"version\": 1, \"findings\": [{\"fingerprint\": \"...\", \"rule\": \"SMP001\", "
        "\"target\": \"old/Dockerfile\", \"message\": \"...\"}]}",
    .good = "{\"version\": 1, \"findings\": []}",
    .fix =
        "Regenerate the baseline with `--write-baseline FILE` (reasons, owners and expiry "
        "dates of entries that still match are kept), or delete the entry.",
    .example_syntax = "json",
};

}  // namespace

SAGELINT_RULE(SMP901, kInfo);

}  // namespace sagelint::rules

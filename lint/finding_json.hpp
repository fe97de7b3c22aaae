#pragma once
// The JSON shape of one finding fixed by SPEC.md, shared by `lint -f json` and the
// `run` report's Findings (which lint/run_command.cpp renders with it) so the two can
// never drift apart.
#include <nlohmann/json.hpp>

#include "rules/finding.hpp"

namespace sagelint {

nlohmann::ordered_json finding_to_json(const Finding& f);

}  // namespace sagelint

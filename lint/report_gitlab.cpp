// `-f gitlab`: GitLab Code Quality (a JSON array of CodeClimate-style issues), shown
// in merge requests. The fingerprint must stay the same for the same problem across
// pipelines, so GitLab can tell new issues from old ones: lint/fingerprint.hpp, the
// same identity the SARIF report and baselines use (it survives line moves).
#include <nlohmann/json.hpp>

#include "lint/fingerprint.hpp"
#include "lint/report.hpp"

namespace sagelint::lint {
namespace {

const char* gitlab_severity(Severity s) {
  switch (s) {
    case Severity::error: return "critical";
    case Severity::warning: return "major";
    case Severity::info: return "minor";
    default: return "info";
  }
}

}  // namespace

void write_gitlab_report(const LintResults& results, std::ostream& out) {
  auto issues = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    auto fingerprints = finding_fingerprints(r.findings);
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
      const Finding& f = r.findings[i];
      std::string description = f.rule + ": " + f.message + place_suffix(f);
      nlohmann::ordered_json issue;
      issue["type"] = "issue";
      issue["description"] = description;
      issue["check_name"] = f.rule;
      issue["categories"] = {"Bug Risk"};
      issue["fingerprint"] = fingerprints[i];
      issue["severity"] = gitlab_severity(f.severity);
      nlohmann::ordered_json lines = {{"begin", f.range ? f.range->line : 1}};
      if (f.range) lines["end"] = f.range->end_line;
      issue["location"] = {{"path", f.target}, {"lines", lines}};
      issues.push_back(std::move(issue));
    }
  }
  out << issues.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace sagelint::lint

// `-f gitlab`: GitLab Code Quality (a JSON array of CodeClimate-style issues), shown
// in merge requests. The fingerprint must stay the same for the same problem across
// pipelines, so GitLab can tell new issues from old ones: it hashes the rule, the
// target, the place and the message, never anything run-specific.
#include <openssl/evp.h>

#include <nlohmann/json.hpp>

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

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace

void write_gitlab_report(const LintResults& results, std::ostream& out) {
  auto issues = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    for (const auto& f : r.findings) {
      std::string description = f.rule + ": " + f.message + place_suffix(f);
      std::string place = finding_place(f);
      if (f.range)
        place +=
            "-" + std::to_string(f.range->end_line) + ":" + std::to_string(f.range->end_column);
      nlohmann::ordered_json issue;
      issue["type"] = "issue";
      issue["description"] = description;
      issue["check_name"] = f.rule;
      issue["categories"] = {"Bug Risk"};
      issue["fingerprint"] = sha256_hex(f.rule + '\0' + f.target + '\0' + place + '\0' + f.message);
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

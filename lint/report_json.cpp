// `-f json`: the shape fixed by SPEC.md ("version": 1). Fields are added, never
// renamed or removed.
#include <nlohmann/json.hpp>

#include "lint/report.hpp"
#include "lint/version.hpp"

namespace sagelint::lint {
namespace {

nlohmann::ordered_json finding_to_json(const Finding& f) {
  nlohmann::ordered_json j;
  j["rule"] = f.rule;
  j["severity"] = std::string(to_string(f.severity));
  j["message"] = f.message;
  j["target"] = f.target;
  j["kind"] = std::string(to_string(f.kind));
  if (f.range) {
    j["line"] = f.range->line;
    j["column"] = f.range->column;
    j["endLine"] = f.range->end_line;
    j["endColumn"] = f.range->end_column;
  }
  if (f.path) j["path"] = *f.path;
  if (f.layer) j["layer"] = *f.layer;
  if (f.created_by) j["createdBy"] = *f.created_by;
  if (f.pointer) j["pointer"] = *f.pointer;
  return j;
}

}  // namespace

void write_json_report(const LintResults& results, std::ostream& out) {
  nlohmann::ordered_json doc;
  doc["version"] = 1;
  doc["tool"] = {{"name", "sagelint"}, {"version", std::string(version())}};
  auto targets = nlohmann::ordered_json::array();
  auto findings = nlohmann::ordered_json::array();
  for (const auto& r : results) {
    nlohmann::ordered_json t;
    t["target"] = r.target;
    t["kind"] = std::string(to_string(r.kind));
    t["error"] = r.error ? nlohmann::ordered_json(*r.error) : nlohmann::ordered_json(nullptr);
    targets.push_back(std::move(t));
    for (const auto& f : r.findings) findings.push_back(finding_to_json(f));
  }
  doc["targets"] = std::move(targets);
  doc["findings"] = std::move(findings);
  // Invalid UTF-8 in a message (from a file's bytes) is replaced, never a throw.
  out << doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace sagelint::lint

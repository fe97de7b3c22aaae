#include "lint/finding_json.hpp"

namespace sagelint {

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

}  // namespace sagelint

#include "rules/finding.hpp"

namespace sagelint {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::style: return "style";
    case Severity::none: return "none";
  }
  return "error";
}

std::optional<Severity> severity_from_string(std::string_view s) {
  if (s == "error") return Severity::error;
  if (s == "warning") return Severity::warning;
  if (s == "info") return Severity::info;
  if (s == "style") return Severity::style;
  if (s == "none") return Severity::none;
  return std::nullopt;
}

std::string_view to_string(TargetKind k) {
  switch (k) {
    case TargetKind::dockerfile: return "dockerfile";
    case TargetKind::image: return "image";
    case TargetKind::request: return "request";
  }
  return "dockerfile";
}

}  // namespace sagelint

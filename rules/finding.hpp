#pragma once
// A finding is the one value every input kind and every rule produces, and every
// report format consumes. Nothing here knows about output formats.
#include <optional>
#include <string>
#include <string_view>

namespace sagelint {

enum class Severity { error, warning, info, style, none };

std::string_view to_string(Severity s);
std::optional<Severity> severity_from_string(std::string_view s);

enum class TargetKind { dockerfile, image, request };

std::string_view to_string(TargetKind k);

// 1-based line and column; end column is exclusive (the column after the last
// character), as in SARIF regions. Columns count bytes.
struct SourceRange {
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
};

struct Finding {
  std::string rule;
  Severity severity = Severity::error;
  std::string message;
  std::string target;
  TargetKind kind = TargetKind::dockerfile;
  // Dockerfile findings
  std::optional<SourceRange> range;
  // Image findings
  std::optional<std::string> path;
  std::optional<int> layer;
  std::optional<std::string> created_by;
  // Request findings
  std::optional<std::string> pointer;
};

}  // namespace sagelint

#pragma once
// Where a LocalPath really points. SageMaker mounts or copies every input and output
// at its LocalPath, which must lie under /opt/ml/processing/.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::request {

inline constexpr std::string_view kProcessingRoot = "/opt/ml/processing";

// The lexical normal form of an absolute path: no empty or "." components, ".."
// applied (never above "/"), no trailing slash. nullopt for a relative path.
std::optional<std::string> normalize_local_path(std::string_view path);

// True when `inner` (normalized) is `outer` (normalized) or lies inside it.
bool is_same_or_inside(std::string_view inner, std::string_view outer);

struct Request;

// One LocalPath of an input or output, as written and where it really points.
struct LocalPathUse {
  std::string pointer;                // of the LocalPath member
  std::string written;                // as in the request
  std::optional<std::string> normal;  // normalize_local_path(written)
};

// Every LocalPath of the request: inputs first, then outputs, in document order.
std::vector<LocalPathUse> local_paths(const Request& request);

}  // namespace sagelint::request

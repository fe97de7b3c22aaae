// Where the LocalPaths of inputs and outputs point.
#include "request/local_paths.hpp"

#include "request/model.hpp"

namespace sagelint::request {

std::optional<std::string> normalize_local_path(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i < path.size()) {
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(i, end - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = end + 1;
  }
  std::string out;
  for (auto part : parts) {
    out += '/';
    out += part;
  }
  return out.empty() ? std::string("/") : out;
}

bool is_same_or_inside(std::string_view inner, std::string_view outer) {
  if (inner == outer) return true;
  if (outer == "/") return true;
  return inner.size() > outer.size() && inner.substr(0, outer.size()) == outer &&
         inner[outer.size()] == '/';
}

std::vector<LocalPathUse> local_paths(const Request& req) {
  std::vector<LocalPathUse> uses;
  for (const auto& in : req.processing_inputs) {
    if (const auto& path = in.local_path()) {
      uses.push_back(LocalPathUse{in.local_path_pointer(), *path, normalize_local_path(*path)});
    }
  }
  if (req.processing_output_config) {
    for (const auto& out : req.processing_output_config->outputs) {
      if (const auto& path = out.local_path()) {
        uses.push_back(LocalPathUse{out.local_path_pointer(), *path, normalize_local_path(*path)});
      }
    }
  }
  return uses;
}

}  // namespace sagelint::request

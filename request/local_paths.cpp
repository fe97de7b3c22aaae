// SMJ002 and SMJ003: where the LocalPaths of inputs and outputs point.
#include "request/local_paths.hpp"

#include <vector>

#include "request/checks.hpp"
#include "request/text.hpp"

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

namespace {

struct PathUse {
  std::string pointer;
  std::string written;
  std::optional<std::string> normal;
};

std::vector<PathUse> local_paths_of(const Request& req) {
  std::vector<PathUse> uses;
  for (const auto& in : req.processing_inputs) {
    if (const auto& path = in.local_path()) {
      uses.push_back(PathUse{in.local_path_pointer(), *path, normalize_local_path(*path)});
    }
  }
  if (req.processing_output_config) {
    for (const auto& out : req.processing_output_config->outputs) {
      if (const auto& path = out.local_path()) {
        uses.push_back(PathUse{out.local_path_pointer(), *path, normalize_local_path(*path)});
      }
    }
  }
  return uses;
}

void report(std::vector<Violation>& out, std::string rule, const PathUse& use,
            std::string message) {
  out.push_back(Violation{std::move(rule), use.pointer, std::move(message)});
}

// SMJ002. The service compares the text with the prefix "/opt/ml/processing/", so a
// path is fine only when it is written under the prefix and still lies under it
// after "." and ".." are applied.
void check_placement(const PathUse& use, std::vector<Violation>& out) {
  const std::string prefix = std::string(kProcessingRoot) + "/";
  const std::string shown = in_quotes(use.written);
  if (!use.normal) {
    report(out, "SMJ002", use,
           "LocalPath must be an absolute path under " + prefix + ", got " + shown);
    return;
  }
  const std::string& normal = *use.normal;
  if (normal == kProcessingRoot) {
    report(out, "SMJ002", use,
           "LocalPath " + shown + " is the processing directory itself; use a directory under " +
               prefix + ", such as " + prefix + "input/data");
    return;
  }
  if (!is_same_or_inside(normal, kProcessingRoot)) {
    std::string message = "LocalPath must be under " + prefix + ", got " + shown;
    if (normal != use.written) message += " (which is " + in_quotes(normal) + ")";
    report(out, "SMJ002", use, std::move(message));
    return;
  }
  if (use.written.compare(0, prefix.size(), prefix) != 0) {
    report(out, "SMJ002", use,
           "LocalPath must begin with " + prefix +
               " as written (the service compares the "
               "text), got " +
               shown + "; write " + in_quotes(normal));
  }
}

// SMJ003: each LocalPath is mounted or copied on its own, so two uses of one
// directory, or one inside another, collide. Reported once, at the later path.
void check_overlaps(const std::vector<PathUse>& uses, std::vector<Violation>& out) {
  for (std::size_t j = 1; j < uses.size(); ++j) {
    if (!uses[j].normal) continue;
    for (std::size_t i = 0; i < j; ++i) {
      if (!uses[i].normal) continue;
      const std::string& a = *uses[j].normal;
      const std::string& b = *uses[i].normal;
      std::string other = in_quotes(uses[i].written) + " at " + uses[i].pointer;
      if (a == b) {
        report(out, "SMJ003", uses[j],
               "LocalPath " + in_quotes(uses[j].written) + " is the same directory as " + other +
                   "; every input and output needs its own directory (the service rejects "
                   "duplicate input paths with an empty ValidationException)");
        break;
      }
      if (is_same_or_inside(a, b) || is_same_or_inside(b, a)) {
        std::string relation = is_same_or_inside(a, b) ? " is inside " : " contains ";
        report(out, "SMJ003", uses[j],
               "LocalPath " + in_quotes(uses[j].written) + relation + other +
                   "; inputs and outputs must not be nested, use sibling directories");
        break;
      }
    }
  }
}

}  // namespace

void check_local_paths(const Request& req, std::vector<Violation>& out) {
  auto uses = local_paths_of(req);
  for (const auto& use : uses) check_placement(use, out);
  check_overlaps(uses, out);
}

}  // namespace sagelint::request

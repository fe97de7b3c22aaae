#include "image/path.hpp"

#include <vector>

namespace sagelint::image {

std::optional<std::string> normalize_path(std::string_view raw) {
  std::vector<std::string_view> parts;
  std::size_t i = 0;
  while (i <= raw.size()) {
    std::size_t j = raw.find('/', i);
    if (j == std::string_view::npos) j = raw.size();
    std::string_view part = raw.substr(i, j - i);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = j + 1;
  }
  if (parts.empty()) return std::string("/");
  std::string out;
  out.reserve(raw.size() + 1);
  for (auto p : parts) {
    out += '/';
    out += p;
  }
  return out;
}

std::string parent_path(std::string_view p) {
  auto slash = p.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return "/";
  return std::string(p.substr(0, slash));
}

std::string_view base_name(std::string_view p) {
  auto slash = p.rfind('/');
  return slash == std::string_view::npos ? p : p.substr(slash + 1);
}

WhiteoutKind classify_whiteout(std::string_view p) {
  constexpr std::string_view prefix = ".wh.";
  constexpr std::string_view meta = ".wh..wh.";
  // AUFS bookkeeping lives in .wh..wh.* entries and below .wh..wh.plnk/ etc.; never content.
  for (std::size_t pos = p.find(meta); pos != std::string_view::npos; pos = p.find(meta, pos + 1)) {
    if (pos > 0 && p[pos - 1] == '/') {
      std::string_view rest = p.substr(pos);
      if (rest == ".wh..wh..opq") return {WhiteoutKind::opaque, parent_path(p)};
      return {WhiteoutKind::aufs_metadata, {}};
    }
  }
  std::string_view base = base_name(p);
  if (base.substr(0, prefix.size()) != prefix) return {};
  if (base.size() == prefix.size()) return {WhiteoutKind::invalid, {}};
  std::string parent = parent_path(p);
  std::string target = parent == "/" ? "/" : parent + "/";
  target += base.substr(prefix.size());
  return {WhiteoutKind::whiteout, target};
}

}  // namespace sagelint::image

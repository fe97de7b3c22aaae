#include "knowledge/platform.hpp"

#include <vector>

namespace sagelint::knowledge {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

std::string normal_architecture(const std::string& arch) {
  if (arch == "x86_64" || arch == "x86-64") return "amd64";
  if (arch == "aarch64") return "arm64";
  if (arch == "i386" || arch == "i486" || arch == "i586" || arch == "i686") return "386";
  if (arch == "armhf" || arch == "armel") return "arm";
  return arch;
}

bool is_os(const std::string& word) {
  for (std::string_view os :
       {"linux", "windows", "darwin", "freebsd", "netbsd", "openbsd", "solaris", "illumos",
        "android", "ios", "aix", "plan9", "js", "wasip1"}) {
    if (word == os) return true;
  }
  return false;
}

}  // namespace

std::string Platform::text() const {
  std::string out = os.empty() ? "?" : os;
  out += "/" + (architecture.empty() ? std::string("?") : architecture);
  if (!variant.empty()) out += "/" + variant;
  return out;
}

std::optional<Platform> parse_platform(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t j = text.find('/', i);
    if (j == std::string_view::npos) j = text.size();
    parts.push_back(lower(text.substr(i, j - i)));
    i = j + 1;
  }
  if (text.empty() || parts.size() > 3) return std::nullopt;
  Platform p;
  if (parts.size() == 1) {
    if (is_os(parts[0])) {
      p.os = parts[0];
    } else {
      p.os = "linux";
      p.architecture = normal_architecture(parts[0]);
    }
    return p;
  }
  p.os = parts[0];
  p.architecture = normal_architecture(parts[1]);
  if (parts.size() == 3) p.variant = parts[2];
  return p;
}

bool runs_on_linux_amd64(const Platform& platform) {
  return (platform.os.empty() || platform.os == "linux") &&
         (platform.architecture.empty() || platform.architecture == "amd64");
}

}  // namespace sagelint::knowledge

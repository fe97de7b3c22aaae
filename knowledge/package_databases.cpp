#include "knowledge/package_databases.hpp"

namespace sagelint::knowledge {
namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string_view first_word(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  s.remove_prefix(b);
  return s.substr(0, s.find_first_of(" \t"));
}

}  // namespace

PackageDatabase package_database_at(std::string_view path) {
  if (path == "/var/lib/dpkg/status" || starts_with(path, "/var/lib/dpkg/status.d/"))
    return PackageDatabase::dpkg;
  if (path == "/lib/apk/db/installed") return PackageDatabase::apk;
  return PackageDatabase::none;
}

std::vector<std::string> installed_in_database(std::string_view content, PackageDatabase kind) {
  std::vector<std::string> out;
  if (kind == PackageDatabase::none) return out;
  const bool apk = kind == PackageDatabase::apk;
  std::string package;
  bool installed = apk;  // apk lists only what is installed
  auto flush = [&] {
    if (!package.empty() && installed) out.push_back(package);
    package.clear();
    installed = apk;
  };
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t nl = content.find('\n', start);
    std::string_view line = content.substr(start, nl == std::string_view::npos ? nl : nl - start);
    start = nl == std::string_view::npos ? content.size() : nl + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
    } else if (!apk && starts_with(line, "Package:")) {
      package = std::string(first_word(line.substr(8)));
    } else if (!apk && starts_with(line, "Status:")) {
      installed = line.find(" installed") != std::string_view::npos &&
                  line.find("not-installed") == std::string_view::npos;
    } else if (apk && starts_with(line, "P:")) {
      package = std::string(line.substr(2));
    }
  }
  flush();
  return out;
}

}  // namespace sagelint::knowledge

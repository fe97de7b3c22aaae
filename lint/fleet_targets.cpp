#include "lint/fleet_targets.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "image/view.hpp"
#include "registry/catalog.hpp"
#include "registry/image_target.hpp"
#include "request/model.hpp"

namespace sagelint::lint {
namespace fs = std::filesystem;
namespace {

bool starts_with(const std::string& s, std::string_view p) { return s.rfind(p, 0) == 0; }

// docker://HOST[:PORT]/ with nothing after the slash: the whole catalog.
std::optional<std::string> catalog_host(const std::string& target) {
  if (!starts_with(target, "docker://") || target.size() < 11 || target.back() != '/')
    return std::nullopt;
  std::string host = target.substr(9, target.size() - 10);
  if (host.empty() || host.find('/') != std::string::npos) return std::nullopt;
  return host;
}

// A registry reference without a tag or digest (what --all-tags expands).
bool names_no_tag(const std::string& target) {
  std::string rest = target.substr(9);
  if (rest.find('@') != std::string::npos) return false;
  auto slash = rest.rfind('/');
  return rest.find(':', slash == std::string::npos ? 0 : slash) == std::string::npos;
}

std::string registry_name(const std::string& host, const std::string& repo,
                          const std::string& tag) {
  return "docker://" + host + "/" + repo + ":" + tag;
}

void sort_by_target(std::vector<PlannedTarget>& v) {
  std::stable_sort(v.begin(), v.end(), [](const PlannedTarget& a, const PlannedTarget& b) {
    return a.target < b.target;
  });
}

// Every tag of one repository.
std::vector<PlannedTarget> expand_tags(const registry::ImageTarget& t,
                                       const registry::RegistryOptions& options) {
  std::vector<PlannedTarget> out;
  auto tags = registry::list_tags(t, options);
  if (auto* err = std::get_if<std::string>(&tags)) {
    out.push_back({"docker://" + t.host + "/" + t.repository, *err});
    return out;
  }
  for (const auto& tag : std::get<std::vector<std::string>>(tags))
    out.push_back({registry_name(t.host, t.repository, tag), std::nullopt});
  if (out.empty())
    out.push_back(
        {"docker://" + t.host + "/" + t.repository, t.host + ": " + t.repository + " has no tags"});
  return out;
}

std::vector<PlannedTarget> expand_catalog(const std::string& raw, const std::string& host,
                                          const FleetOptions& fleet,
                                          const registry::RegistryOptions& options) {
  std::vector<PlannedTarget> out;
  auto repos = registry::list_repositories(host, options);
  if (auto* err = std::get_if<std::string>(&repos)) {
    out.push_back({raw, *err});
    return out;
  }
  for (const auto& repo : std::get<std::vector<std::string>>(repos)) {
    auto parsed = registry::parse_image_target("docker://" + host + "/" + repo);
    if (!parsed || std::holds_alternative<std::string>(*parsed)) {
      out.push_back({"docker://" + host + "/" + repo,
                     parsed ? std::get<std::string>(*parsed) : "not a repository name"});
      continue;
    }
    const auto& t = std::get<registry::ImageTarget>(*parsed);
    if (fleet.all_tags) {
      auto tags = expand_tags(t, options);
      out.insert(out.end(), tags.begin(), tags.end());
    } else {
      out.push_back({registry_name(host, t.repository, "latest"), std::nullopt});
    }
  }
  if (out.empty()) out.push_back({raw, host + ": the catalog lists no repository"});
  sort_by_target(out);
  return out;
}

bool excluded(const std::string& rel, const std::string& name, const FleetOptions& fleet) {
  for (const auto& glob : fleet.excludes)
    if (fnmatch(glob.c_str(), rel.c_str(), 0) == 0 || fnmatch(glob.c_str(), name.c_str(), 0) == 0)
      return true;
  return false;
}

}  // namespace

bool is_request_file(const fs::path& path) {
  if (path.extension() != ".json") return false;
  std::ifstream in(path, std::ios::binary);
  std::string head(1 << 20, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return request::looks_like_request(head);
}

namespace {

// Dockerfiles and requests below dir, in path order. Symlinks are not followed (a
// link out of the tree is not part of it); .git/ and --exclude matches are skipped.
std::vector<PlannedTarget> expand_directory(const std::string& dir, const FleetOptions& fleet) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  if (ec) return {{dir, "cannot list the directory: " + ec.message()}};
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string rel = path.lexically_relative(dir).generic_string();
    const std::string name = path.filename().string();
    std::error_code e2;
    if (it->is_symlink(e2)) continue;
    if (it->is_directory(e2)) {
      if (name == ".git" || excluded(rel, name, fleet) || image::looks_like_image(path.string()))
        it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(e2) || excluded(rel, name, fleet)) continue;
    if (is_dockerfile_name(name) || is_request_file(path)) found.push_back(path.string());
  }
  if (ec) return {{dir, "cannot list the directory: " + ec.message()}};
  std::sort(found.begin(), found.end());
  std::vector<PlannedTarget> out;
  for (auto& f : found) out.push_back({std::move(f), std::nullopt});
  if (out.empty())
    out.push_back({dir,
                   "is a directory with no Dockerfile, Containerfile or request JSON below it, "
                   "and not an OCI image layout"});
  return out;
}

void expand_one(const std::string& raw, const FleetOptions& fleet,
                const registry::RegistryOptions& options, std::vector<PlannedTarget>& out) {
  if (auto host = catalog_host(raw)) {
    auto v = expand_catalog(raw, *host, fleet, options);
    out.insert(out.end(), v.begin(), v.end());
    return;
  }
  if (fleet.all_tags && starts_with(raw, "docker://") && names_no_tag(raw)) {
    auto parsed = registry::parse_image_target(raw);
    if (parsed && std::holds_alternative<registry::ImageTarget>(*parsed)) {
      auto v = expand_tags(std::get<registry::ImageTarget>(*parsed), options);
      sort_by_target(v);
      out.insert(out.end(), v.begin(), v.end());
      return;
    }
  }
  if (raw != "-" && !registry::has_transport_prefix(raw)) {
    std::error_code ec;
    if (fs::is_directory(raw, ec) && !image::looks_like_image(raw)) {
      auto v = expand_directory(raw, fleet);
      out.insert(out.end(), v.begin(), v.end());
      return;
    }
  }
  out.push_back({raw, std::nullopt});
}

}  // namespace

bool is_dockerfile_name(const std::string& name) {
  auto ends_with = [&name](std::string_view suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name == "Dockerfile" || name == "Containerfile" || starts_with(name, "Dockerfile.") ||
         ends_with(".Dockerfile");
}

std::vector<std::string> parse_target_list(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto start = line.find_first_not_of(" \t\r");
    if (start == std::string::npos || line[start] == '#') continue;
    auto end = line.find_last_not_of(" \t\r");
    out.push_back(line.substr(start, end - start + 1));
  }
  return out;
}

std::variant<std::vector<PlannedTarget>, std::string> expand_targets(
    const std::vector<std::string>& positional, const FleetOptions& fleet,
    const registry::RegistryOptions& registry) {
  std::vector<std::string> raw = positional;
  for (const auto& file : fleet.targets_from) {
    std::string text;
    if (file == "-") {
      std::ostringstream s;
      s << std::cin.rdbuf();
      text = s.str();
    } else {
      std::ifstream in(file, std::ios::binary);
      if (!in) return "--targets-from: cannot read " + file;
      std::ostringstream s;
      s << in.rdbuf();
      text = s.str();
    }
    auto listed = parse_target_list(text);
    raw.insert(raw.end(), listed.begin(), listed.end());
  }
  if (raw.empty()) return std::string("no target given (positional or --targets-from)");
  std::vector<PlannedTarget> out;
  for (const auto& r : raw) expand_one(r, fleet, registry, out);
  return out;
}

std::vector<PlannedTarget> select_shard(std::vector<PlannedTarget> targets, Shard shard) {
  sort_by_target(targets);
  std::vector<PlannedTarget> out;
  for (std::size_t k = 0; k < targets.size(); ++k)
    if (static_cast<int>(k % static_cast<std::size_t>(shard.count)) == shard.index - 1)
      out.push_back(std::move(targets[k]));
  return out;
}

std::string default_resource_config() {
  const char* env = std::getenv("SAGELINT_RESOURCE_CONFIG");
  return env && *env ? env : "/opt/ml/config/resourceconfig.json";
}

std::variant<Shard, std::string> parse_shard(const std::string& text,
                                             const std::string& resource_config) {
  if (text == "auto") {
    std::ifstream in(resource_config, std::ios::binary);
    if (!in) return "--shard auto: cannot read " + resource_config;
    std::ostringstream s;
    s << in.rdbuf();
    auto doc = nlohmann::json::parse(s.str(), nullptr, false);
    if (!doc.is_object() || !doc.contains("current_host") || !doc["current_host"].is_string() ||
        !doc.contains("hosts") || !doc["hosts"].is_array())
      return "--shard auto: " + resource_config + " has no current_host and hosts";
    const auto current = doc["current_host"].get<std::string>();
    const auto& hosts = doc["hosts"];
    for (std::size_t i = 0; i < hosts.size(); ++i)
      if (hosts[i].is_string() && hosts[i].get<std::string>() == current)
        return Shard{static_cast<int>(i) + 1, static_cast<int>(hosts.size())};
    return "--shard auto: current_host \"" + current + "\" is not among the hosts of " +
           resource_config;
  }
  auto slash = text.find('/');
  auto number = [](const std::string& s) -> int {
    if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos)
      return 0;
    return std::atoi(s.c_str());
  };
  int i = slash == std::string::npos ? 0 : number(text.substr(0, slash));
  int n = slash == std::string::npos ? 0 : number(text.substr(slash + 1));
  if (i < 1 || n < 1 || i > n)
    return "--shard: '" + text + "' is not I/N with 1 <= I <= N, or auto";
  return Shard{i, n};
}

}  // namespace sagelint::lint

#include "tests/support/image_recipe.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sagelint::fixtures {

namespace {

using json = nlohmann::json;

[[noreturn]] void bad(const std::string& recipe, const std::string& why) {
  throw std::runtime_error("image recipe " + recipe + ": " + why);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

uint32_t mode_of(const json& e, uint32_t fallback, const std::string& recipe) {
  if (!e.contains("mode")) return fallback;
  const std::string m = e.at("mode").get<std::string>();
  std::size_t used = 0;
  const unsigned long v = std::stoul(m, &used, 8);
  if (used != m.size() || v > 07777) bad(recipe, "mode \"" + m + "\" is not octal");
  return static_cast<uint32_t>(v);
}

Entry entry_of(const json& e, const HostFiles& host_files, const std::string& recipe) {
  if (e.contains("dir")) return Dir(e.at("dir").get<std::string>(), mode_of(e, 0755, recipe));
  if (e.contains("file")) {
    std::string content = e.value("content", "");
    if (e.contains("host_file")) {
      const std::string key = e.at("host_file").get<std::string>();
      const auto it = host_files.find(key);
      if (it == host_files.end()) bad(recipe, "no host file given for \"" + key + "\"");
      content = read_file(it->second);
    }
    return File(e.at("file").get<std::string>(), std::move(content), mode_of(e, 0644, recipe));
  }
  if (e.contains("symlink"))
    return Symlink(e.at("symlink").get<std::string>(), e.at("target").get<std::string>());
  if (e.contains("hardlink"))
    return Hardlink(e.at("hardlink").get<std::string>(), e.at("target").get<std::string>());
  if (e.contains("whiteout")) return Whiteout(e.at("whiteout").get<std::string>());
  if (e.contains("opaque")) return Opaque(e.at("opaque").get<std::string>());
  bad(recipe, "unknown entry " + e.dump());
}

}  // namespace

ImageSpec load_image_recipe(const std::string& path, const HostFiles& host_files) {
  const json r = json::parse(read_file(path));
  ImageSpec image;
  image.config = r.value("config", json::object());
  image.os = r.value("os", image.os);
  image.architecture = r.value("architecture", image.architecture);
  image.tags = r.value("tags", std::vector<std::string>{});
  for (const json& l : r.at("layers")) {
    LayerSpec layer;
    layer.created_by = l.value("created_by", "");
    layer.compression = l.value("compression", "none");
    for (const json& e : l.at("entries")) layer.entries.push_back(entry_of(e, host_files, path));
    image.layers.push_back(std::move(layer));
  }
  return image;
}

ImageSpec image_recipe(const std::string& name, const HostFiles& host_files) {
  return load_image_recipe(std::string(SAGELINT_SOURCE_DIR) + "/fixtures/images/" + name + ".json",
                           host_files);
}

}  // namespace sagelint::fixtures

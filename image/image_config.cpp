#include "image/image_config.hpp"

#include "image/json_doc.hpp"

namespace sagelint::image {

namespace {
using json = nlohmann::json;

// A string array field: nullopt for absent or null, error for any other non-array.
std::variant<std::optional<std::vector<std::string>>, std::string> string_array(
    const json& obj, const char* key, const std::string& what) {
  if (!obj.is_object()) return std::optional<std::vector<std::string>>{};
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::vector<std::string>>{};
  if (!it->is_array()) return what + ": " + key + " is not an array";
  std::vector<std::string> out;
  for (const auto& v : *it) {
    if (!v.is_string()) return what + ": " + key + " holds a non-string element";
    out.push_back(v.get<std::string>());
  }
  return std::optional<std::vector<std::string>>(std::move(out));
}
}  // namespace

std::variant<ParsedConfig, std::string> parse_image_config(const std::string& text,
                                                           const std::string& what) {
  auto doc = parse_json_document(text, what);
  if (auto* err = std::get_if<std::string>(&doc)) return *err;
  const json& j = std::get<json>(doc);
  if (!j.is_object()) return what + ": not a JSON object";
  ParsedConfig out;
  ImageConfig& c = out.config;
  c.os = json_string(j, "os");
  c.architecture = json_string(j, "architecture");
  c.variant = json_string(j, "variant");
  static const json empty = json::object();
  const json* cfg = json_field(j, "config", json::value_t::object);
  if (!cfg) cfg = &empty;
  for (auto [key, target] : {std::pair{"Entrypoint", &c.entrypoint}, std::pair{"Cmd", &c.cmd}}) {
    auto v = string_array(*cfg, key, what);
    if (auto* err = std::get_if<std::string>(&v)) return *err;
    *target = std::get<0>(v);
  }
  for (auto [key, target] : {std::pair{"Shell", &c.shell}, std::pair{"Env", &c.env}}) {
    auto v = string_array(*cfg, key, what);
    if (auto* err = std::get_if<std::string>(&v)) return *err;
    if (std::get<0>(v)) *target = *std::get<0>(v);
  }
  c.user = json_string(*cfg, "User");
  c.working_dir = json_string(*cfg, "WorkingDir");
  c.stop_signal = json_string(*cfg, "StopSignal");
  if (auto* vols = json_field(*cfg, "Volumes", json::value_t::object))
    for (auto it = vols->begin(); it != vols->end(); ++it) c.volumes.push_back(it.key());
  if (auto* labels = json_field(*cfg, "Labels", json::value_t::object))
    for (auto it = labels->begin(); it != labels->end(); ++it)
      if (it->is_string()) c.labels[it.key()] = it->get<std::string>();

  if (auto* rootfs = json_field(j, "rootfs", json::value_t::object)) {
    std::string type = json_string(*rootfs, "type");
    if (!type.empty() && type != "layers") return what + ": unknown rootfs type " + type;
    auto ids = string_array(*rootfs, "diff_ids", what);
    if (auto* err = std::get_if<std::string>(&ids)) return *err;
    if (std::get<0>(ids)) out.diff_ids = *std::get<0>(ids);
  }
  if (auto* hist = json_field(j, "history", json::value_t::array)) {
    for (const auto& h : *hist) {
      HistoryEntry e;
      e.created_by = json_string(h, "created_by");
      e.created = json_string(h, "created");
      e.comment = json_string(h, "comment");
      if (auto* el = json_field(h, "empty_layer", json::value_t::boolean))
        e.empty_layer = el->get<bool>();
      out.history.push_back(std::move(e));
    }
  }
  return out;
}

std::vector<std::string> created_by_per_layer(const std::vector<HistoryEntry>& history,
                                              std::size_t layer_count, bool* mismatch) {
  std::vector<std::string> out(layer_count);
  std::size_t next = 0;
  for (const auto& h : history) {
    if (h.empty_layer) continue;
    if (next < layer_count) out[next] = h.created_by;
    ++next;
  }
  if (mismatch) *mismatch = !history.empty() && next != layer_count;
  return out;
}

}  // namespace sagelint::image

#include "image/json_doc.hpp"

#include "image/input.hpp"

namespace sagelint::image {

namespace {
// nlohmann's parser recurses per nesting level; refuse deep documents before parsing.
bool nesting_within(const std::string& text, int limit) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > limit) return false;
    } else if (c == ']' || c == '}')
      --depth;
  }
  return true;
}
}  // namespace

std::variant<nlohmann::json, std::string> parse_json_document(const std::string& text,
                                                              const std::string& what) {
  if (text.size() > kMaxJsonBytes)
    return what + ": larger than " + std::to_string(kMaxJsonBytes) + " bytes";
  if (!nesting_within(text, kMaxJsonDepth)) return what + ": JSON nested too deeply";
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return what + ": not valid JSON";
  return j;
}

std::string json_string(const nlohmann::json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

const nlohmann::json* json_field(const nlohmann::json& j, const char* key,
                                 nlohmann::json::value_t type) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->type() != type) return nullptr;
  return &*it;
}

}  // namespace sagelint::image

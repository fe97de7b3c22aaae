// Parsing of the small JSON documents of an image (manifests, indexes, configs),
// bounded in size and nesting so hostile input cannot exhaust memory or stack.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <variant>

namespace sagelint::image {

inline constexpr int kMaxJsonDepth = 256;

// what names the document in the error ("manifest.json", "config sha256:…").
std::variant<nlohmann::json, std::string> parse_json_document(const std::string& text,
                                                              const std::string& what);

// Accessors that never throw: a missing or mistyped field gives the fallback.
std::string json_string(const nlohmann::json& j, const char* key);
const nlohmann::json* json_field(const nlohmann::json& j, const char* key,
                                 nlohmann::json::value_t type);

}  // namespace sagelint::image

// The image config JSON (OCI config.md plus Docker's extensions) as typed values.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "image/view.hpp"

namespace sagelint::image {

struct ParsedConfig {
  ImageConfig config;
  std::vector<HistoryEntry> history;
  std::vector<std::string> diff_ids;
};

// what names the document in errors.
std::variant<ParsedConfig, std::string> parse_image_config(const std::string& json_text,
                                                           const std::string& what);

// The created_by of each layer: non-empty history entries consume layers in order.
// Sets mismatch when the number of non-empty entries differs from layer_count.
std::vector<std::string> created_by_per_layer(const std::vector<HistoryEntry>& history,
                                              std::size_t layer_count, bool* mismatch);

}  // namespace sagelint::image

#include "image/base_layers.hpp"

#include <cctype>
#include <string_view>

namespace sagelint::image {
namespace {

// True for a history entry that sets the start command: BuildKit writes the
// instruction (`CMD ["bash"]`), docker's classic builder `/bin/sh -c #(nop)  CMD ...`.
bool sets_start_command(std::string_view created_by) {
  auto skip_space = [&] {
    while (!created_by.empty() && std::isspace(static_cast<unsigned char>(created_by.front())))
      created_by.remove_prefix(1);
  };
  skip_space();
  constexpr std::string_view kClassic = "/bin/sh -c #(nop)";
  if (created_by.substr(0, kClassic.size()) == kClassic) {
    created_by.remove_prefix(kClassic.size());
    skip_space();
  }
  auto starts_with_word = [&](std::string_view word) {
    if (created_by.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
      if (std::toupper(static_cast<unsigned char>(created_by[i])) != word[i]) return false;
    return created_by.size() == word.size() ||
           std::isspace(static_cast<unsigned char>(created_by[word.size()]));
  };
  return starts_with_word("CMD") || starts_with_word("ENTRYPOINT");
}

}  // namespace

std::optional<std::size_t> base_layer_count(const std::vector<HistoryEntry>& history,
                                            std::size_t layer_count) {
  std::size_t non_empty = 0;
  for (const auto& h : history)
    if (!h.empty_layer) ++non_empty;
  if (non_empty != layer_count || layer_count < 2) return std::nullopt;

  std::optional<std::size_t> base;  // layers before the latest boundary seen so far
  std::size_t layers_before = 0;
  bool boundary_pending = false;  // a CMD/ENTRYPOINT seen, no layer after it yet
  for (const auto& h : history) {
    if (!h.empty_layer) {
      if (boundary_pending) base = layers_before;
      boundary_pending = false;
      ++layers_before;
    } else if (sets_start_command(h.created_by)) {
      boundary_pending = true;
    }
  }
  if (base && *base == 0) return std::nullopt;
  return base;
}

}  // namespace sagelint::image

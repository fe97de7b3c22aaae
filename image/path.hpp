// Path normalisation and whiteout naming for layer entries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sagelint::image {

// "./a//b/" -> "/a/b", "." -> "/", "a/../b" -> "/b". nullopt when ".." climbs above the root.
std::optional<std::string> normalize_path(std::string_view raw);

// The parent of a normalised path ("/" for "/a" and for "/").
std::string parent_path(std::string_view normalised);
std::string_view base_name(std::string_view normalised);

// What a normalised layer entry path means under the OCI whiteout rules.
struct WhiteoutKind {
  enum Kind { none, whiteout, opaque, aufs_metadata, invalid } kind = none;
  std::string
      target;  // whiteout: the hidden path; opaque: the directory whose lower children are hidden
};
WhiteoutKind classify_whiteout(std::string_view normalised);

}  // namespace sagelint::image

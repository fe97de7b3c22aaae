#pragma once
// Lexical path handling for paths in the image: Dockerfile paths are judged as
// the builder will see them, after variable expansion, without touching a disk.
#include <string>
#include <string_view>

namespace sagelint::knowledge {

// The tree SageMaker reserves and mounts over at run time.
inline constexpr std::string_view kOptMl = "/opt/ml";

// An absolute, normalised path: "//" and "." removed, ".." applied (never above
// "/"), no trailing slash except for "/" itself. A relative `path` is taken
// relative to `base` (absolute, as a WORKDIR is).
std::string normalize_path(std::string_view path, std::string_view base = "/");

// True when the normalised `path` is `root` or lies below it: "/opt/ml/x" is under
// "/opt/ml", "/opt/mlflow" is not.
bool is_at_or_under(std::string_view path, std::string_view root);

// Shell-style glob over a whole path: `*` and `?` stay within one component, `**`
// crosses components, `[...]` is a character class. A trailing "/**" also matches
// the directory itself ("/opt/ml/code/**" matches "/opt/ml/code").
bool glob_match(std::string_view pattern, std::string_view path);

// The last component: "/a/b/" -> "b".
std::string_view base_name(std::string_view path);
// Everything before the last component, without trailing slash: "/a/b" -> "/a".
std::string_view dir_name(std::string_view path);

}  // namespace sagelint::knowledge

#pragma once
// Where the tests find ../shared (conformance cases, corpus, oracle): $SAGELINT_SHARED,
// else SAGELINT_SOURCE_DIR "/../shared". Tests skip with one message when it is absent.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace sagelint::parser::testing {

inline std::optional<std::filesystem::path> shared_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("SAGELINT_SHARED"); env && *env) {
    if (fs::is_directory(env)) return fs::path(env);
    return std::nullopt;
  }
  const fs::path p = fs::path(SAGELINT_SOURCE_DIR) / ".." / "shared";
  if (fs::is_directory(p)) return p;
  return std::nullopt;
}

inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sagelint::parser::testing

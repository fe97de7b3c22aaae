#pragma once
// Reading the files of ../shared in the parser tests; where ../shared is and how a test
// skips without it: tests/support/skip.hpp.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/skip.hpp"

namespace sagelint::parser::testing {

inline std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace sagelint::parser::testing

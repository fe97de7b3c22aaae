#pragma once
// Dockerfile text -> AST, as BuildKit's frontend/dockerfile/parser.Parse does it.
#include <optional>
#include <string>
#include <string_view>

#include "parser/ast.hpp"

namespace sagelint::parser {

struct ParseResult {
  Dockerfile file;                  // what was parsed (partial when error is set)
  std::optional<ParseError> error;  // BuildKit would reject the file
};

ParseResult parse(std::string_view text);

// Reads a Dockerfile from disk. Errors (one line, without the path): "no such file",
// "is a directory", "permission denied", "binary file (NUL byte at offset N)", ...
struct LoadResult {
  std::string text;
  std::optional<std::string> error;
};
LoadResult load_file(const std::string& path);

}  // namespace sagelint::parser

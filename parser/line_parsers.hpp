#pragma once
// One logical line -> one Instruction: BuildKit's splitCommand/extractBuilderFlags and
// its dispatch table from instruction name to argument parser (line_parsers.go).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/ast.hpp"

namespace sagelint::parser {

// A joined logical line and the source position of each byte (plus one past the end).
struct LogicalLine {
  std::string text;
  std::vector<Pos> pos;

  Span span(std::size_t begin, std::size_t end) const;
};

struct LineError {
  std::string message;
  std::size_t begin = 0;
  std::size_t end = 0;
};

// newNodeFromLine on bytes [begin, end) of `line` (the whole line, or ONBUILD's rest).
std::optional<LineError> instruction_from_line(const LogicalLine& line, std::size_t begin,
                                               std::size_t end, char escape, Instruction& out);

// parseWords: words split on whitespace with quotes and escapes kept (ENV/LABEL/ARG).
struct RawWord {
  std::string value;
  std::size_t begin = 0;
  std::size_t end = 0;
};
std::vector<RawWord> parse_words(std::string_view rest, char escape);

}  // namespace sagelint::parser

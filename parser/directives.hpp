#pragma once
// Parser directives (`# syntax=`, `# escape=`, `# check=`), read only from the leading
// block of the file, as BuildKit's DirectiveParser does.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "parser/ast.hpp"

namespace sagelint::parser {

class DirectiveParser {
 public:
  struct Outcome {
    std::optional<Directive> directive;
    std::optional<std::string> error;  // a repeated directive, or a bad escape token
  };
  // `line` is one physical line with its line ending and leading whitespace removed.
  // The first line that is not a directive ends the block for good.
  Outcome parse_line(std::string_view line, int line_number);
  char escape_token() const { return escape_; }

 private:
  bool done_ = false;
  std::set<std::string> seen_;
  char escape_ = '\\';
};

}  // namespace sagelint::parser

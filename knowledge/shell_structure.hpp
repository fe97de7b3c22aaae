#pragma once
// The top-level structure of shell text: the commands a script runs one after another
// (separated by `;`, `&`, `&&`, `||` or newlines), each whole, compound commands and
// pipelines included. shell_command.hpp flattens compound commands into the simple
// commands inside them; this keeps the outer shape, so a message can name a script's
// last command as the loop, `if` or pipeline it really is.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::knowledge {

struct TopLevelCommand {
  std::size_t offset = 0;  // first byte
  std::size_t end = 0;     // one past the last byte
  std::string first_word;  // as written: "for", "if", "{", "(", "python3", ...
  // "" for a simple command; else "for loop", "while loop", "until loop", "select loop",
  // "if statement", "case statement", "command group", "subshell" or "pipeline".
  std::string construct;
};

// Never fails: unterminated quotes and constructs run to the end of the text.
std::vector<TopLevelCommand> top_level_commands(std::string_view script);

}  // namespace sagelint::knowledge

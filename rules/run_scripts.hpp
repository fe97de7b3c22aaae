#pragma once
// The shell text a RUN instruction runs, with a way back to source positions:
// the shell-form command line (after the flags), the script of an exec-form
// `["sh", "-c", "..."]`, and heredoc bodies that the shell executes
// (`RUN <<EOF`, `RUN bash <<EOF`). Heredocs that feed data to a command
// (`RUN cat <<EOF > f`) are not scripts.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "parser/ast.hpp"
#include "rules/finding.hpp"
#include "rules/shell_command.hpp"

namespace sagelint::rules {

struct RunScript {
  std::string text;
  // Source range of bytes [offset, offset+length) of `text`.
  std::function<SourceRange(std::size_t offset, std::size_t length)> locate;
  std::vector<ShellCommand> commands;  // split_shell_commands(text)
};

std::vector<RunScript> run_scripts(const parser::Instruction& run);

SourceRange to_range(const parser::Span& span);

}  // namespace sagelint::rules

#pragma once
// The shell text a RUN instruction runs, with a way back to source positions:
// the shell-form command line (after the flags), the script of an exec-form
// `["sh", "-c", "..."]`, and heredoc bodies that the shell executes
// (`RUN <<EOF`, `RUN bash <<EOF`). Heredocs that feed data to a command
// (`RUN cat <<EOF > f`) are not scripts.
#include <cstddef>
#include <string_view>
#include <vector>

#include "knowledge/shell_command.hpp"
#include "knowledge/shell_writes.hpp"
#include "parser/ast.hpp"

namespace sagelint::knowledge {

struct RunScript {
  std::string_view text;               // a view into the instruction: valid as long as the AST
  std::vector<ShellCommand> commands;  // split_shell_commands(text)
  // written_paths(commands[n]) for each command: worked out once with the commands, as
  // several rules and the file reconstruction (written_files.hpp) ask for them.
  std::vector<std::vector<WrittenPath>> writes;

  // Where bytes [offset, offset+length) of `text` are in the Dockerfile.
  parser::Span locate(std::size_t offset, std::size_t length) const;

  // How `text` maps back to the source (set by run_scripts).
  enum class Origin { exec_element, command_line, heredoc_body };
  Origin origin = Origin::command_line;
  const parser::Instruction* node = nullptr;  // the RUN
  std::size_t rest_offset = 0;                // command_line: where `text` starts in node->rest
  parser::Span element;                       // exec_element: the JSON element
  int first_line = 0;                         // heredoc_body: source line of the body's first byte
};

std::vector<RunScript> run_scripts(const parser::Instruction& run);

}  // namespace sagelint::knowledge

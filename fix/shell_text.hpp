#pragma once
// What a POSIX shell would do with the text of a shell-form ENTRYPOINT/CMD or an
// `sh -c` script, as far as --fix needs to know: either the text is plain words
// (quotes and backslashes only), and then the words exactly as sh splits them, or
// it needs a shell, and then where `exec` could go so the workload becomes PID 1.
// Nothing is expanded or run.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::fix {

struct PlainWord {
  std::string value;      // quotes and backslashes resolved
  std::size_t begin = 0;  // byte offset of its first character in the text
  std::size_t end = 0;    // one past its last character
};

struct ShellText {
  // Set when a shell is needed to run the text (expansion, operators, redirection,
  // globs, subshells, comments, assignments, builtins, keywords): the first reason.
  std::optional<std::string> needs_shell;
  // The argv sh would run, when needs_shell is unset (a leading `exec` dropped).
  std::vector<PlainWord> words;
  // Where `exec ` can be inserted so the shell hands PID 1 to the last command,
  // or why it cannot (exec_unsafe set). Unset both when the text already ends in
  // an `exec` command.
  std::optional<std::size_t> exec_at;
  std::optional<std::string> exec_unsafe;
  bool already_exec = false;
};

ShellText analyze_shell_text(std::string_view text);

// The shells whose word splitting and `-c` handling are POSIX sh's.
bool is_posix_shell(std::string_view program);

}  // namespace sagelint::fix

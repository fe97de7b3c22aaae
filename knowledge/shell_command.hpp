#pragma once
// A small POSIX shell splitter: enough of sh(1) to find the simple commands of a
// RUN line or an entrypoint script, their words and their redirections, with the
// byte offset of every word so a rule can point at the offending token. It does
// not execute or expand anything; compound commands (if/while/for, subshells,
// braces, functions) are flattened into the simple commands they contain.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::knowledge {

struct ShellWord {
  std::string value;       // quotes and backslashes removed; $VAR and $(..) kept as written
  std::size_t offset = 0;  // bytes [offset, offset+length) of the source text
  std::size_t length = 0;
  bool quoted = false;  // some part was quoted or escaped
  std::string_view raw(std::string_view text) const { return text.substr(offset, length); }
};

struct ShellRedirect {
  std::string op;    // ">", ">>", ">|", "&>", "&>>", "<", "<<", "<<-", "<<<", "<>", ">&", "<&"
  int fd = -1;       // explicit descriptor ("2>" -> 2), -1 when not given
  ShellWord target;  // file name, duplicated descriptor, or heredoc delimiter
  bool is_heredoc() const { return op == "<<" || op == "<<-"; }
  // Creates or writes the file named by `target` (not a descriptor duplication).
  bool writes_file() const;
};

struct ShellCommand {
  std::vector<ShellWord> assignments;  // leading NAME=value words
  std::vector<ShellWord> words;        // the argv, keywords such as `then` removed
  std::vector<ShellRedirect> redirects;
  std::size_t offset = 0;  // first byte of the command
  std::size_t end = 0;     // one past its last byte
  // The operator that ended it: ";", "&&", "||", "|", "&", "\n", "(" , ")" or "" at the end.
  std::string terminator;
  bool empty() const { return words.empty() && assignments.empty() && redirects.empty(); }
};

// Splits `text` into simple commands in source order. Comments are skipped,
// heredoc bodies that follow in the same text are skipped, unterminated quotes
// run to the end. Never fails.
std::vector<ShellCommand> split_shell_commands(std::string_view text);

// The program a command runs, looking through wrappers that exec their argument
// (`exec`, `env`, `sudo`, `nice`, `nohup`, `time`, `gosu`/`su-exec` USER, ...): the index
// into `words` of the real program, or words.size() when there is none.
std::size_t program_index(const ShellCommand& command);

// True for the names of POSIX-style shells: sh, bash, dash, ash, zsh, ksh, mksh.
bool is_shell_name(std::string_view program_basename);

}  // namespace sagelint::knowledge

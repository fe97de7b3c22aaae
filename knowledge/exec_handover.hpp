#pragma once
// Does shell text hand the process over to its workload with `exec`? A shell
// that runs the workload as a child stays PID 1: SIGTERM/SIGINT from
// StopProcessingJob stop at the shell (which ignores them as PID 1) and the job
// is killed after the grace period.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sagelint::knowledge {

// For an argv such as {"/bin/sh", "-c", "script", ...}: the index of the script
// element when argv[0] is a shell and an option cluster before it contains `c`
// (-c, -ec, -xc, -lc); nullopt otherwise.
std::optional<std::size_t> shell_script_index(const std::vector<std::string>& argv);

struct MissingExec {
  std::string command;     // the last command, as written
  std::size_t offset = 0;  // its byte offset in the text
  int line = 1;            // its 1-based line in the text
  // When that command is part of a compound command or pipeline that ends the script
  // (`for ...; do run; done`, `if ...; fi`, `{ ...; }`, `( ... )`, `run | tee log`):
  // what it is ("for loop", "pipeline", ...; see TopLevelCommand) and its whole text.
  // Empty when the last command stands alone.
  std::string construct;
  std::string construct_text;
};

// Judges the last command of shell text (trailing `exit` ignored): nullopt when
// it is `exec ...` (hand-over), when the text installs a `trap` (it handles the
// signals itself) or has no command; else the command that runs as a child.
std::optional<MissingExec> missing_exec(std::string_view script);

// True when text is a shell script: a shebang naming a POSIX shell, or no
// shebang and a name ending in ".sh". Binary content (a NUL byte) is not.
bool is_shell_script(std::string_view content, std::string_view path);

}  // namespace sagelint::knowledge

#pragma once
// Files that a Dockerfile's RUN instructions write with shell text, reconstructed so
// that a check can read them like a file of the build context: `echo ... > f`,
// `printf '...' > f`, `cat <<EOF > f` (or `cat > f <<EOF`), `tee [-a] f <<EOF`, and
// the same with `>>` appends. A common way for serving and processing images to
// write their entrypoint script (then `chmod +x`). Any other write to the file (cp,
// curl -o, sed -i, a redirect from another program) makes its content unknown.
#include <optional>
#include <string>
#include <vector>

#include "knowledge/run_scripts.hpp"
#include "parser/ast.hpp"
#include "parser/expand.hpp"

namespace sagelint::knowledge {

struct ShellFileWrite {
  std::string path;                    // absolute, normalised
  std::optional<std::string> content;  // nullopt: written, but not reconstructable
  bool append = false;                 // `>>`, `tee -a`
  int line = 0;                        // source line of the writing command
};

// The writes of one RUN instruction in order; `scripts` is run_scripts(run) (ShippedImage
// keeps both per instruction, so a RUN is split and read once). `workdir` is the WORKDIR in force
// (nullopt: unknown, relative paths are then left out); `cd DIR` inside the RUN
// moves it. Words are expanded with the ARG/ENV values in `scope` and the shell
// variables the RUN assigns before them; a part that needs the shell ($(...), an
// unknown variable) is kept as written.
std::vector<ShellFileWrite> run_file_writes(const std::vector<RunScript>& scripts,
                                            const parser::Instruction& run,
                                            const std::optional<std::string>& workdir,
                                            const parser::VarScope& scope);

// What the file at a path holds after a sequence of writes.
class ReconstructedFile {
 public:
  enum class State { unseen, known, unknown };
  void apply(const ShellFileWrite& write);
  // Another instruction (COPY, ADD) replaced the file: `content` nullopt when unreadable.
  void replace(std::optional<std::string> content);
  State state() const { return state_; }
  const std::string& content() const { return content_; }
  int last_line() const { return line_; }

 private:
  State state_ = State::unseen;
  std::string content_;
  int line_ = 0;
};

// `echo` and `printf` output for their (already unquoted) operands, as dash prints it.
std::string echo_output(const std::vector<std::string>& operands);
std::string printf_output(const std::vector<std::string>& operands);

}  // namespace sagelint::knowledge

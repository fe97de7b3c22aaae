#pragma once
// --fix and --diff over the Dockerfile targets of one `lint` run: fixes each file's
// findings (fix/), writes it back through a temporary file and a rename (or prints it
// or its diff), and lints the fixed text again so the report shows what remains.
#include <iosfwd>
#include <optional>
#include <string>

#include "lint/engine.hpp"
#include "lint/options.hpp"

namespace sagelint::lint {

struct FixRun {
  bool failed = false;  // some file could not be written (the error is on stderr)
};

// `result` is the lint result of `input`; it is replaced by the result of the fixed
// text. The fixed file (for `-`) or the diff goes to `out`.
FixRun fix_target(const DockerfileInput& input, const LintSettings& settings,
                  const LintOptions& options, TargetResult& result, std::ostream& out);

// What --fix appends to the message of a finding it left alone.
inline constexpr const char* kNotFixedNote = " (not fixed by --fix: ";

// How many findings of `result` --fix would fix.
int count_fixable(const DockerfileInput& input, const TargetResult& result);

// Replaces the file at `path` with `fixed` when it still holds `original`: a
// temporary file beside it, then rename, so a reader never sees half a file.
// Returns the reason when it could not.
std::optional<std::string> replace_file(const std::string& path, const std::string& original,
                                        const std::string& fixed);

}  // namespace sagelint::lint

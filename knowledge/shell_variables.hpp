#pragma once
// Shell variables a RUN script sets for its later commands: `PKGS="a b"; apt-get
// install $PKGS`, `export DRV=nvidia-driver-535 && apt-get install ${DRV}`. The
// ARG/ENV values in force are the starting point; a value the script computes
// ($(...), an unknown variable) is unknown. Prefix assignments (`FOO=1 cmd`) only
// reach that command's environment, not the expansion of its words, so they are
// not listed.
#include <vector>

#include "knowledge/run_scripts.hpp"
#include "parser/expand.hpp"

namespace sagelint::knowledge {

// The scope in force before each command of `script` (same order as script.commands).
std::vector<parser::VarScope> scopes_before_commands(const RunScript& script,
                                                     const parser::VarScope& base);

}  // namespace sagelint::knowledge

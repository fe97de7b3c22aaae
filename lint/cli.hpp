#pragma once

namespace sagelint::lint {

// Parses the command line and runs the subcommand; returns the exit code.
int cli_main(int argc, char** argv);

}  // namespace sagelint::lint

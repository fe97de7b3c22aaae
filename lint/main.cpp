#include "lint/cli.hpp"

int main(int argc, char** argv) { return sagelint::lint::cli_main(argc, argv); }

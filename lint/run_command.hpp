#pragma once
// `sagelint run IMAGE [OPTIONS]`: lint/'s main hands argv over with argv[0] == "run".
namespace sagelint::lint {

int run_main(int argc, char** argv);

}  // namespace sagelint::lint

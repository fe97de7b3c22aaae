#pragma once
// Signal names as the report and the runtimes' CLIs spell them ("SIGTERM").
#include <optional>
#include <string_view>

namespace sagelint::runtime {

std::string_view signal_name(int sig);                       // "SIGTERM"; "SIG?" when unknown
std::optional<int> signal_from_name(std::string_view name);  // "SIGTERM", "TERM", "15"

}  // namespace sagelint::runtime

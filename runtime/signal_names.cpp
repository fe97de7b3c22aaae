#include "runtime/signal_names.hpp"

#include <csignal>
#include <utility>

namespace sagelint::runtime {

namespace {
constexpr std::pair<int, std::string_view> kSignals[] = {
    {SIGHUP, "SIGHUP"},       {SIGINT, "SIGINT"},   {SIGQUIT, "SIGQUIT"},   {SIGILL, "SIGILL"},
    {SIGTRAP, "SIGTRAP"},     {SIGABRT, "SIGABRT"}, {SIGBUS, "SIGBUS"},     {SIGFPE, "SIGFPE"},
    {SIGKILL, "SIGKILL"},     {SIGUSR1, "SIGUSR1"}, {SIGSEGV, "SIGSEGV"},   {SIGUSR2, "SIGUSR2"},
    {SIGPIPE, "SIGPIPE"},     {SIGALRM, "SIGALRM"}, {SIGTERM, "SIGTERM"},   {SIGCHLD, "SIGCHLD"},
    {SIGCONT, "SIGCONT"},     {SIGSTOP, "SIGSTOP"}, {SIGTSTP, "SIGTSTP"},   {SIGTTIN, "SIGTTIN"},
    {SIGTTOU, "SIGTTOU"},     {SIGURG, "SIGURG"},   {SIGXCPU, "SIGXCPU"},   {SIGXFSZ, "SIGXFSZ"},
    {SIGVTALRM, "SIGVTALRM"}, {SIGPROF, "SIGPROF"}, {SIGWINCH, "SIGWINCH"}, {SIGIO, "SIGIO"},
    {SIGPWR, "SIGPWR"},       {SIGSYS, "SIGSYS"},
};
}  // namespace

std::string_view signal_name(int sig) {
  for (const auto& [n, name] : kSignals)
    if (n == sig) return name;
  return "SIG?";
}

std::optional<int> signal_from_name(std::string_view name) {
  if (!name.empty() && name.front() >= '0' && name.front() <= '9') {
    int v = 0;
    for (char c : name) {
      if (c < '0' || c > '9' || v > 64) return std::nullopt;
      v = v * 10 + (c - '0');
    }
    return v >= 1 && v <= 64 ? std::optional<int>(v) : std::nullopt;
  }
  for (const auto& [n, full] : kSignals)
    if (name == full || name == full.substr(3)) return n;
  return std::nullopt;
}

}  // namespace sagelint::runtime

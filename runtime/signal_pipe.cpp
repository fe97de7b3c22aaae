#include "runtime/signal_pipe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

namespace sagelint::runtime {

namespace {

int g_pipe[2] = {-1, -1};
volatile std::sig_atomic_t g_interrupt = 0;
struct sigaction g_previous[4];
constexpr int kSignals[4] = {SIGINT, SIGTERM, SIGHUP, SIGCHLD};

void on_signal(int sig) {
  int saved = errno;
  if (sig != SIGCHLD) g_interrupt = sig;
  unsigned char b = static_cast<unsigned char>(sig);
  // Non-blocking: when the pipe is full a wake-up is already pending.
  [[maybe_unused]] ssize_t n = write(g_pipe[1], &b, 1);
  errno = saved;
}

}  // namespace

SignalPipe::SignalPipe() {
  if (g_pipe[0] >= 0) throw std::logic_error("SignalPipe: one per process");
  g_interrupt = 0;
  if (pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0) throw std::runtime_error("pipe2 failed");
  for (int i = 0; i < 4; ++i) {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART | (kSignals[i] == SIGCHLD ? SA_NOCLDSTOP : 0);
    sigaction(kSignals[i], &sa, &g_previous[i]);
  }
}

SignalPipe::~SignalPipe() {
  for (int i = 0; i < 4; ++i) sigaction(kSignals[i], &g_previous[i], nullptr);
  close(g_pipe[0]);
  close(g_pipe[1]);
  g_pipe[0] = g_pipe[1] = -1;
}

int SignalPipe::fd() const { return g_pipe[0]; }

std::vector<int> SignalPipe::drain() {
  std::vector<int> got;
  unsigned char buf[64];
  for (;;) {
    ssize_t n = read(g_pipe[0], buf, sizeof buf);
    if (n <= 0) break;
    for (ssize_t i = 0; i < n; ++i) {
      int sig = buf[i];
      got.push_back(sig);
      if (interrupt_ == 0 && sig != SIGCHLD) interrupt_ = sig;
    }
  }
  return got;
}

bool SignalPipe::pending() { return g_interrupt != 0; }

int SignalPipe::interrupted() {
  drain();
  return interrupt_;
}

}  // namespace sagelint::runtime

#pragma once
// The self-pipe: SIGINT, SIGTERM and SIGHUP to sagelint, and SIGCHLD from the
// container children, become bytes on a pipe that the job's poll loop reads, so that
// an interrupted run takes the same cleanup path as any other. One per process.
#include <vector>

namespace sagelint::runtime {

class SignalPipe {
 public:
  SignalPipe();   // installs the handlers
  ~SignalPipe();  // restores the previous ones
  SignalPipe(const SignalPipe&) = delete;
  SignalPipe& operator=(const SignalPipe&) = delete;

  int fd() const;  // readable when a signal arrived
  // Reads what arrived; remembers the first interrupting signal.
  std::vector<int> drain();
  // SIGINT/SIGTERM/SIGHUP seen so far (0 = none). Also checks the pipe.
  int interrupted();
  // Whether an interrupting signal arrived, without a system call: cheap enough to ask
  // for every file of a copy or every entry of an unpack.
  static bool pending();

 private:
  int interrupt_ = 0;
};

}  // namespace sagelint::runtime

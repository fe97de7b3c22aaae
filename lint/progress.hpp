#pragma once
// Progress of a run over many targets, on stderr and only when stderr is a terminal:
// targets done of the total, bytes read, the rate and an estimate of the time left,
// rewritten in place a few times a second and erased at the end, so it never mixes
// with a report (reports go to stdout or files).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace sagelint::lint {

class Progress {
 public:
  // enabled: false writes nothing (--no-progress, or stderr is not a terminal).
  Progress(std::size_t total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void target_done(uint64_t bytes_read);
  void finish();  // erases the line; idempotent

  // "3/40 targets, 1.2 MB read, 0.4 MB/s, ETA 0:07" (exposed for the unit test).
  static std::string line(std::size_t done, std::size_t total, uint64_t bytes, double seconds);

 private:
  void loop();

  std::size_t total_;
  bool enabled_;
  std::atomic<std::size_t> done_{0};
  std::atomic<uint64_t> bytes_{0};
  std::chrono::steady_clock::time_point start_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

// True when progress should be shown: stderr is a terminal and not --no-progress.
bool progress_wanted(bool no_progress);

}  // namespace sagelint::lint

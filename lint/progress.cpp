#include "lint/progress.hpp"

#include <unistd.h>

#include <cmath>
#include <cstdio>

namespace sagelint::lint {
namespace {

std::string megabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
  return buf;
}

std::string duration(double seconds) {
  auto s = std::lround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

}  // namespace

bool progress_wanted(bool no_progress) { return !no_progress && isatty(STDERR_FILENO); }

std::string Progress::line(std::size_t done, std::size_t total, uint64_t bytes, double seconds) {
  std::string out = std::to_string(done) + "/" + std::to_string(total) + " targets, " +
                    megabytes(static_cast<double>(bytes)) + " read";
  if (seconds > 0) out += ", " + megabytes(static_cast<double>(bytes) / seconds) + "/s";
  if (done > 0 && done < total)
    out += ", ETA " +
           duration(seconds / static_cast<double>(done) * static_cast<double>(total - done));
  return out;
}

Progress::Progress(std::size_t total, bool enabled)
    : total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()) {
  if (enabled_) thread_ = std::thread([this] { loop(); });
}

Progress::~Progress() { finish(); }

void Progress::target_done(uint64_t bytes_read) {
  bytes_ += bytes_read;
  ++done_;
}

void Progress::loop() {
  std::unique_lock lock(mu_);
  for (;;) {
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string text = "\r\033[Ksagelint: " + line(done_, total_, bytes_, seconds);
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
    if (cv_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) break;
  }
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace sagelint::lint

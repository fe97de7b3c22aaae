#include "image/byte_pipe.hpp"

#include <algorithm>
#include <cstring>

namespace sagelint::image {

BytePipe::BytePipe(std::size_t capacity) : ring_(std::max<std::size_t>(capacity, 1)) {}

bool BytePipe::write(const void* data, std::size_t n) {
  const char* p = static_cast<const char*>(data);
  std::unique_lock lock(mu_);
  while (n > 0) {
    writable_.wait(lock, [&] { return cancelled_ || used_ < ring_.size(); });
    if (cancelled_) return false;
    // Copy into the free space after the queued bytes, wrapping at the end of the ring.
    std::size_t tail = (head_ + used_) % ring_.size();
    std::size_t room = std::min(ring_.size() - used_, ring_.size() - tail);
    std::size_t k = std::min(n, room);
    std::memcpy(ring_.data() + tail, p, k);
    used_ += k;
    p += k;
    n -= k;
    readable_.notify_one();
  }
  return !cancelled_;
}

void BytePipe::close() {
  std::lock_guard lock(mu_);
  closed_ = true;
  readable_.notify_all();
}

void BytePipe::fail(std::string why) {
  std::lock_guard lock(mu_);
  if (closed_ || failed_) return;
  failed_ = true;
  error_ = std::move(why);
  readable_.notify_all();
}

long BytePipe::read(void* buf, std::size_t n) {
  if (n == 0) return 0;
  std::unique_lock lock(mu_);
  readable_.wait(lock, [&] { return used_ > 0 || closed_ || failed_ || cancelled_; });
  if (used_ == 0) {
    if (failed_) return -1;
    if (cancelled_ && !closed_) {
      error_ = "read after cancel";
      failed_ = true;
      return -1;
    }
    return 0;
  }
  std::size_t k = std::min({n, used_, ring_.size() - head_});
  std::memcpy(buf, ring_.data() + head_, k);
  head_ = (head_ + k) % ring_.size();
  used_ -= k;
  writable_.notify_one();
  return static_cast<long>(k);
}

void BytePipe::cancel() {
  std::lock_guard lock(mu_);
  cancelled_ = true;
  writable_.notify_all();
  readable_.notify_all();
}

std::string BytePipe::error() const {
  std::lock_guard lock(mu_);
  return error_;
}

}  // namespace sagelint::image

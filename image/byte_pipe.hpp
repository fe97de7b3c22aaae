// A bounded byte queue between two threads, like a pipe(2) in memory: the transfer
// thread writes a blob's bytes, the scanning thread reads them (libarchive's read
// callback), and neither runs more than `capacity` bytes ahead of the other, so
// memory stays fixed however large the layer is. Either side may stop early: the
// writer with an error (the reader sees it after the bytes already queued), the
// reader by cancelling (the writer's next write returns false and it gives up).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <vector>

namespace sagelint::image {

class BytePipe {
 public:
  explicit BytePipe(std::size_t capacity);
  BytePipe(const BytePipe&) = delete;
  BytePipe& operator=(const BytePipe&) = delete;

  // Writer side. Blocks while the pipe is full; false when the reader has cancelled
  // (nothing more will be read, the writer should stop).
  bool write(const void* data, std::size_t n);
  // The end of the data: reads return what is queued, then 0.
  void close();
  // The end with an error: reads return what is queued, then -1 with `why`.
  void fail(std::string why);

  // Reader side. Up to n bytes, blocking while the pipe is empty and open; 0 at the
  // end; -1 after fail() (error() says why).
  long read(void* buf, std::size_t n);
  // The reader stops: a blocked or later write returns false.
  void cancel();
  // After read() returned -1.
  std::string error() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable readable_, writable_;
  std::vector<char> ring_;
  std::size_t head_ = 0;  // next byte to read
  std::size_t used_ = 0;  // queued bytes
  bool closed_ = false, failed_ = false, cancelled_ = false;
  std::string error_;
};

}  // namespace sagelint::image

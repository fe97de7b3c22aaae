#include "registry/background_reader.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "tests/support/byte_pattern.hpp"

using sagelint::testing::byte_pattern;
using namespace sagelint::registry;

namespace {

// A source handing out `data` in `step`-byte reads, then failing with `why` if set.
class FakeSource : public sagelint::image::ByteReader {
 public:
  FakeSource(std::string data, std::size_t step, std::string why = "",
             std::atomic<int>* destroyed = nullptr)
      : data_(std::move(data)), step_(step), why_(std::move(why)), destroyed_(destroyed) {}
  ~FakeSource() override {
    if (destroyed_) ++*destroyed_;
  }
  long read(void* buf, std::size_t n) override {
    if (pos_ == data_.size()) {
      if (why_.empty()) return 0;
      error_ = why_;
      return -1;
    }
    std::size_t k = std::min({n, step_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    reads_++;
    return static_cast<long>(k);
  }
  std::atomic<int> reads_{0};

 private:
  std::string data_;
  std::size_t step_;
  std::string why_;
  std::atomic<int>* destroyed_;
  std::size_t pos_ = 0;
};

}  // namespace

TEST_CASE("background reader: the source's bytes, then its end, through a small pipe") {
  const std::string data = byte_pattern(2u << 20);
  auto reader = read_in_background(std::make_unique<FakeSource>(data, 300000), 64u << 10);
  std::string got;
  std::string buf(70000, '\0');
  long n;
  while ((n = reader->read(buf.data(), buf.size())) > 0) got.append(buf.data(), n);
  CHECK(n == 0);
  CHECK(got == data);
  CHECK(reader->read(buf.data(), buf.size()) == 0);
}

TEST_CASE("background reader: a source failing mid-stream gives its own message after its bytes") {
  const std::string data = byte_pattern(500000);
  auto reader = read_in_background(
      std::make_unique<FakeSource>(data, 65536, "blob sha256:ab…: digest mismatch"), 32u << 10);
  std::string got;
  char buf[8192];
  long n;
  while ((n = reader->read(buf, sizeof buf)) > 0) got.append(buf, n);
  CHECK(n == -1);
  CHECK(got == data);
  CHECK(reader->error() == "blob sha256:ab…: digest mismatch");
}

TEST_CASE(
    "background reader: dropped after a few bytes, it stops the copier and frees the source") {
  std::atomic<int> destroyed{0};
  auto* source = new FakeSource(byte_pattern(64u << 20), 1u << 16, "", &destroyed);
  {
    auto reader = read_in_background(std::unique_ptr<FakeSource>(source), 1u << 16);
    char buf[100];
    CHECK(reader->read(buf, sizeof buf) == 100);
  }  // destruction joins the copier: no deadlock although it is blocked on a full pipe
  CHECK(destroyed == 1);
}

TEST_CASE("background reader: several in flight at once, each whole and in order") {
  std::vector<std::string> data;
  std::vector<std::unique_ptr<sagelint::image::ByteReader>> readers;
  for (int i = 0; i < 4; ++i) {
    data.push_back(byte_pattern(300000 + 1000 * i));
    readers.push_back(read_in_background(std::make_unique<FakeSource>(data.back(), 7000), 8192));
  }
  // Read them round-robin, a little from each: no reader waits on another's pipe.
  std::vector<std::string> got(4);
  std::vector<bool> ended(4, false);
  for (int left = 4; left > 0;) {
    for (int i = 0; i < 4; ++i) {
      if (ended[i]) continue;
      char buf[5000];
      long n = readers[i]->read(buf, sizeof buf);
      REQUIRE(n >= 0);
      if (n == 0) {
        ended[i] = true;
        --left;
      } else {
        got[i].append(buf, n);
      }
    }
  }
  for (int i = 0; i < 4; ++i) CHECK(got[i] == data[i]);
}

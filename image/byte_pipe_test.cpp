#include "image/byte_pipe.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <string>
#include <thread>

#include "tests/support/byte_pattern.hpp"

using sagelint::testing::byte_pattern;
using namespace sagelint::image;

namespace {

std::string read_all(BytePipe& pipe, std::size_t step, long* last = nullptr) {
  std::string out;
  std::string buf(step, '\0');
  for (;;) {
    long got = pipe.read(buf.data(), buf.size());
    if (got <= 0) {
      if (last) *last = got;
      return out;
    }
    out.append(buf.data(), static_cast<std::size_t>(got));
  }
}

}  // namespace

TEST_CASE("byte pipe: a writer far ahead of the reader is held back, every byte arrives in order") {
  const std::string data = byte_pattern(3u << 20);
  BytePipe pipe(64u << 10);  // much smaller than the data: the ring wraps many times
  std::thread writer([&] {
    for (std::size_t pos = 0; pos < data.size(); pos += 10000)
      CHECK(pipe.write(data.data() + pos, std::min<std::size_t>(10000, data.size() - pos)));
    pipe.close();
  });
  long last = 99;
  std::string got = read_all(pipe, 4093, &last);  // odd sizes: reads straddle the wrap
  writer.join();
  CHECK(last == 0);
  CHECK(got.size() == data.size());
  CHECK(got == data);
}

TEST_CASE("byte pipe: a reader faster than the writer waits, then sees the end") {
  const std::string data = byte_pattern(200000);
  BytePipe pipe(1u << 20);
  std::thread writer([&] {
    for (std::size_t pos = 0; pos < data.size(); pos += 50000) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      pipe.write(data.data() + pos, 50000);
    }
    pipe.close();
  });
  std::string got = read_all(pipe, 1u << 20);
  writer.join();
  CHECK(got == data);
}

TEST_CASE("byte pipe: the writer's error reaches the reader after the bytes queued before it") {
  BytePipe pipe(1024);
  std::thread writer([&] {
    pipe.write("abcdef", 6);
    pipe.fail("blob sha256:1234: truncated");
  });
  long last = 99;
  std::string got = read_all(pipe, 4, &last);
  writer.join();
  CHECK(got == "abcdef");
  CHECK(last == -1);
  CHECK(pipe.error() == "blob sha256:1234: truncated");
  char c;
  CHECK(pipe.read(&c, 1) == -1);  // and stays failed
}

TEST_CASE("byte pipe: a reader that stops early releases a writer blocked on a full pipe") {
  BytePipe pipe(100);
  std::atomic<bool> refused{false};
  std::thread writer([&] {
    const std::string data = byte_pattern(10000);
    // Blocks once 100 bytes are queued; cancel must wake it with false.
    refused = !pipe.write(data.data(), data.size());
  });
  char buf[10];
  CHECK(pipe.read(buf, sizeof buf) == 10);
  pipe.cancel();
  writer.join();  // a deadlock here hangs the test (ctest's timeout catches it)
  CHECK(refused);
  CHECK_FALSE(pipe.write("x", 1));
}

TEST_CASE("byte pipe: close and fail wake a reader blocked on an empty pipe") {
  for (bool failing : {false, true}) {
    BytePipe pipe(16);
    long got = 99;
    std::thread reader([&] {
      char buf[8];
      got = pipe.read(buf, sizeof buf);
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    if (failing)
      pipe.fail("connection dropped");
    else
      pipe.close();
    reader.join();
    CHECK(got == (failing ? -1 : 0));
  }
}

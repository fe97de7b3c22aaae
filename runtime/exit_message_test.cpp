#include "runtime/exit_message.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>

using namespace sagelint::runtime;
namespace fs = std::filesystem;

TEST_CASE("is_valid_utf8") {
  CHECK(is_valid_utf8(""));
  CHECK(is_valid_utf8("plain ascii"));
  CHECK(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
  CHECK_FALSE(is_valid_utf8("\xff"));
  CHECK_FALSE(is_valid_utf8("\xc3"));              // truncated
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

namespace {
struct Dirs {
  fs::path base;
  Dirs() {
    std::string t = (fs::temp_directory_path() / "sagelint-msg-test-XXXXXX").string();
    base = mkdtemp(t.data());
    fs::create_directories(base / "algo-1" / "output");
    fs::create_directories(base / "algo-2" / "output");
  }
  ~Dirs() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
  fs::path out(int i) { return base / ("algo-" + std::to_string(i)) / "output"; }
};
}  // namespace

TEST_CASE("collect_exit_message concatenates hosts in order and keeps 1024 bytes") {
  Dirs d;
  std::ofstream(d.out(1) / "message") << "one;";
  std::ofstream(d.out(2) / "message") << "two";
  auto m = collect_exit_message({d.out(1), d.out(2)});
  CHECK(m.text == "one;two");
  CHECK(m.total_size == 7);
  CHECK(m.valid_utf8);

  // A multi-byte character across the 64 KiB read boundary is still valid UTF-8.
  std::string big(65535, 'a');
  big += "\xc3\xa9";
  big += std::string(100, 'b');
  std::ofstream(d.out(1) / "message", std::ios::trunc) << big;
  m = collect_exit_message({d.out(1)});
  CHECK(m.valid_utf8);
  CHECK(m.text.size() == kExitMessageLimit);
  CHECK(m.total_size == big.size());

  std::ofstream(d.out(2) / "message", std::ios::trunc) << "ok \xff";
  m = collect_exit_message({d.out(1), d.out(2)});
  CHECK_FALSE(m.valid_utf8);
}

TEST_CASE("a message that is a symlink or a directory is not read") {
  Dirs d;
  fs::create_symlink("/etc/hostname", d.out(1) / "message");
  fs::create_directories(d.out(2) / "message");
  auto m = collect_exit_message({d.out(1), d.out(2)});
  CHECK(m.text.empty());
  REQUIRE(m.unreadable.size() == 2);
  CHECK(m.unreadable[0].host == "algo-1");
  CHECK(m.unreadable[0].reason.find("symlink") != std::string::npos);
  CHECK(m.unreadable[1] == UnreadableMessage{"algo-2", "not a regular file"});
}

TEST_CASE("a FIFO as the message does not block, and a huge message is read only in part") {
  Dirs d;
  REQUIRE(mkfifo((d.out(1) / "message").c_str(), 0644) == 0);
  {
    // 1 GiB of apparent size, a hole: only the first bytes are read, the size is known.
    std::ofstream(d.out(2) / "message") << "start";
    fs::resize_file(d.out(2) / "message", 1ull << 30);
  }
  auto m = collect_exit_message({d.out(1), d.out(2)});
  REQUIRE(m.unreadable.size() == 1);
  CHECK(m.unreadable[0] == UnreadableMessage{"algo-1", "not a regular file"});
  CHECK(m.total_size == (1ull << 30));
  CHECK(m.text.size() == kExitMessageLimit);
  CHECK(m.text.substr(0, 5) == "start");
  CHECK(m.valid_utf8);  // NUL bytes are valid UTF-8
}

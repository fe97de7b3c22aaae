#include "runtime/exit_message.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

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
  CHECK(m.unreadable == std::vector<std::string>{"algo-1", "algo-2"});
}

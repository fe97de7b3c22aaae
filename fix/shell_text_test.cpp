#include "fix/shell_text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fix/sh_argv_test_support.hpp"

namespace {

using sagelint::fix::analyze_shell_text;
using sagelint::fix::testing::argv_under_sh;

std::vector<std::string> words_of(const std::string& text) {
  auto r = analyze_shell_text(text);
  REQUIRE_MESSAGE(!r.needs_shell, r.needs_shell.value_or(""));
  std::vector<std::string> out;
  for (const auto& w : r.words) out.push_back(w.value);
  return out;
}

}  // namespace

TEST_CASE("plain shell text: the words sh would pass to the program") {
  const std::vector<std::string> sample = {
      "python3 /opt/program/process.py",
      "python3  -u   run.py --n 3",
      "java -jar \"/opt/my app.jar\" 'single quoted  text'",
      "node server.js a\\ b c\\\\d \\\"e",
      "printf \"x\\\"y\\\\z\\q\" 'q\\n' \"\"",
      "echo a\"b\"c 'd'\"e\" f''g",
      "run --opt=value -x=1 -- --end",
      "r\xC3\xA9sum\xC3\xA9 \xE2\x9C\x93",
      "python\ttab\targs",
  };
  for (const auto& text : sample) {
    CAPTURE(text);
    CHECK(words_of(text) == argv_under_sh(text));
  }
}

TEST_CASE("text that needs a shell is recognised") {
  for (const char* text : {"python $APP",
                           "python \"$APP\"",
                           "python `x`",
                           "a && b",
                           "a; b",
                           "a | b",
                           "a > log",
                           "a < in",
                           "a &",
                           "(a)",
                           "python *.py",
                           "python ?",
                           "ls [ab]",
                           "cd ~",
                           "FOO=1 python",
                           "python # comment",
                           "cd /app",
                           "export X=1",
                           "if true; then a; fi",
                           "python $(x)",
                           "source env.sh",
                           "a\nb"}) {
    CAPTURE(text);
    CHECK(analyze_shell_text(text).needs_shell.has_value());
  }
}

TEST_CASE("where exec goes") {
  struct Row {
    const char* text;
    int at;  // -1: unsafe
  };
  for (const Row& row : std::vector<Row>{
           {"python run.py", 0},
           {"cd /app && python train.py", 11},
           {"set -e; cd /x; python y \"$@\"", 15},
           {"  python run.py >log 2>&1", 2},
           {"python a | tee log", -1},
           {"python a || python b", -1},
           {"python a &", -1},
           {"FOO=1 python a", -1},
           {"python a; exit 0", -1},
           {"(cd x && python a)", -1},
           {"while true; do python a; done", -1},
           {"trap 'kill 0' TERM; python a", -1},
           {"python a <<EOF", -1},
       }) {
    CAPTURE(row.text);
    auto r = analyze_shell_text(row.text);
    if (row.at < 0) {
      CHECK(r.exec_unsafe.has_value());
      CHECK(!r.exec_at);
    } else {
      REQUIRE(r.exec_at.has_value());
      CHECK(*r.exec_at == static_cast<std::size_t>(row.at));
    }
  }
  CHECK(analyze_shell_text("cd /app && exec python a").already_exec);
}

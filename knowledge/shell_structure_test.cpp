#include "knowledge/shell_structure.hpp"

#include <doctest/doctest.h>

using sagelint::knowledge::top_level_commands;

namespace {

// "construct|text" of each top-level command.
std::vector<std::string> shape(std::string_view script) {
  std::vector<std::string> out;
  for (const auto& c : top_level_commands(script)) {
    out.push_back(c.construct + "|" + std::string(script.substr(c.offset, c.end - c.offset)));
  }
  return out;
}

}  // namespace

TEST_CASE("top-level commands keep compound commands and pipelines whole") {
  using V = std::vector<std::string>;
  CHECK(shape("cd /app && python run.py") == V{"|cd /app", "|python run.py"});
  CHECK(shape("for f in a b; do python p.py \"$f\"; done") ==
        V{"for loop|for f in a b; do python p.py \"$f\"; done"});
  CHECK(shape("set -e\nwhile true; do\n  run || sleep 1\ndone\n") ==
        V{"|set -e", "while loop|while true; do\n  run || sleep 1\ndone"});
  CHECK(shape("if [ -f x ]; then a; else b; fi; exit 0") ==
        V{"if statement|if [ -f x ]; then a; else b; fi", "|exit 0"});
  CHECK(shape("{ prepare; run; }") == V{"command group|{ prepare; run; }"});
  CHECK(shape("(cd /w; run)") == V{"subshell|(cd /w; run)"});
  CHECK(shape("python run.py 2>&1 | tee /tmp/log") ==
        V{"pipeline|python run.py 2>&1 | tee /tmp/log"});
  CHECK(shape("case \"$1\" in a) x;; *) y;; esac") ==
        V{"case statement|case \"$1\" in a) x;; *) y;; esac"});
}

TEST_CASE("quotes, substitutions, comments and heredocs do not open or close anything") {
  using V = std::vector<std::string>;
  CHECK(shape("echo 'done; fi' \"for\" $(if x; then y; fi); run # do\n") ==
        V{"|echo 'done; fi' \"for\" $(if x; then y; fi)", "|run"});
  CHECK(shape("cat <<EOF > f\nfor x; do\nEOF\nrun") == V{"|cat <<EOF > f", "|run"});
  CHECK(shape("echo done fi") == V{"|echo done fi"});
  CHECK(shape("for x in 'a") == V{"for loop|for x in 'a"});  // unterminated: to the end
}

#include <doctest/doctest.h>

#include <cstdint>

#include "knowledge/shell_command.hpp"

using namespace sagelint::knowledge;

namespace {

// Each command as its words joined by spaces, redirections as "op target".
std::vector<std::string> render(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& c : split_shell_commands(text)) {
    std::string line;
    for (const auto& a : c.assignments) line += "[" + a.value + "] ";
    for (const auto& w : c.words) line += w.value + " ";
    for (const auto& r : c.redirects)
      line.append("{")
          .append(r.fd >= 0 ? std::to_string(r.fd) : "")
          .append(r.op)
          .append(r.target.value)
          .append("} ");
    if (!line.empty()) line.pop_back();
    out.push_back(line);
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("split_shell_commands: separators, quotes and redirections") {
  struct Row {
    const char* text;
    V expected;
  };
  const Row rows[] = {
      {"a b; c && d || e | f & g", {"a b", "c", "d", "e", "f", "g"}},
      {"echo 'a; b' \"c && d\"", {"echo a; b c && d"}},
      {"echo \"x\\\"y\" a\\ b", {"echo x\"y a b"}},
      {"echo $(date; true) `x;y` ${A:-b c}", {"echo $(date; true) `x;y` ${A:-b c}"}},
      {"cmd >out 2>>err &>all <in 2>&1", {"cmd {>out} {2>>err} {&>all} {<in} {2>&1}"}},
      {"A=1 B=2 cmd x=y", {"[A=1] [B=2] cmd x=y"}},
      {"PKGS=\"a b\" C='d' cmd; \"E=f\" g", {"[PKGS=a b] [C=d] cmd", "E=f g"}},
      {"if [ -f x ]; then exec a; else b; fi", {"[ -f x ]", "exec a", "b"}},
      {"for f in a b; do rm $f; done", {"rm $f"}},
      {"( cd /x && make ) ; { echo a; }", {"cd /x", "make", "echo a"}},
      {"f() {\n  python x\n}\nf \"$@\"", {"python x", "f $@"}},
      {"echo a # c && touch b\nnext", {"echo a", "next"}},
      {"cat <<EOF > f\nbody; rm -rf /\nEOF\nafter", {"cat {<<EOF} {>f}", "after"}},
      {"cat <<-'E'\n\tbody\n\tE\nafter", {"cat {<<-E}", "after"}},
      {"a \\\n b", {"a b"}},
      {"echo 'unterminated", {"echo unterminated"}},
      {"", {}},
  };
  for (const auto& r : rows) {
    CAPTURE(std::string(r.text));
    CHECK(render(r.text) == r.expected);
  }
}

TEST_CASE("split_shell_commands keeps byte offsets of words") {
  std::string text = "cd /a && cp \"x y\" /opt/ml/";
  auto commands = split_shell_commands(text);
  REQUIRE(commands.size() == 2);
  const auto& cp = commands[1];
  REQUIRE(cp.words.size() == 3);
  CHECK(cp.words[1].raw(text) == "\"x y\"");
  CHECK(cp.words[2].offset == 18);
  CHECK(cp.words[2].length == 8);
  CHECK(cp.offset == 9);
  CHECK(cp.end == text.size());
  CHECK(commands[0].terminator == "&&");
}

TEST_CASE("program_index looks through exec-style wrappers") {
  auto program = [](std::string_view text) {
    auto c = split_shell_commands(text).front();
    auto p = program_index(c);
    return p < c.words.size() ? c.words[p].value : std::string("-");
  };
  CHECK(program("sudo -u root apt-get install x") == "apt-get");
  CHECK(program("exec gosu app python run.py") == "python");
  CHECK(program("env -i A=1 B=2 apt-get install") == "apt-get");
  CHECK(program("tini -- /entrypoint.sh") == "/entrypoint.sh");
  CHECK(program("timeout 10 curl x") == "curl");
  CHECK(program("exec") == "-");
}

TEST_CASE("redirections that write files") {
  auto first = [](std::string_view text) {
    return split_shell_commands(text).front().redirects.front();
  };
  CHECK(first("a > f").writes_file());
  CHECK(first("a >> f").writes_file());
  CHECK(first("a &> f").writes_file());
  CHECK(first("a >&f").writes_file());
  CHECK_FALSE(first("a 2>&1").writes_file());
  CHECK_FALSE(first("a >&-").writes_file());
  CHECK_FALSE(first("a < f").writes_file());
  CHECK_FALSE(first("a <<EOF").writes_file());
}

TEST_CASE("split_shell_commands on arbitrary text: no crash, offsets inside the text") {
  const std::string alphabet = "ab /$(){}`'\"\\;&|<>#\n\t=-0123EOF";
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    std::size_t length = next() % 60;
    for (std::size_t k = 0; k < length; ++k) text += alphabet[next() % alphabet.size()];
    CAPTURE(text);
    for (const auto& c : split_shell_commands(text)) {
      CHECK(c.offset <= c.end);
      CHECK(c.end <= text.size());
      for (const auto& w : c.words) CHECK(w.offset + w.length <= text.size());
      for (const auto& r : c.redirects) CHECK(r.target.offset + r.target.length <= text.size());
    }
  }
}

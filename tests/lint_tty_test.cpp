// The tty report on a pseudo-terminal: source lines with the exact range underlined,
// the fix hint, and the closing summary; tabs, wide characters, long lines,
// continuation lines and heredocs keep the underline under the right characters.
#include <doctest/doctest.h>

#include <algorithm>
#include <sstream>

#include "tests/e2e_support.hpp"

namespace {

// The terminal's output without CRs and colour sequences.
std::string plain(std::string s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') continue;
    if (s[i] == '\033') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// The line after the one that contains `needle`.
std::string line_after(const std::vector<std::string>& ls, const std::string& needle) {
  for (std::size_t i = 0; i + 1 < ls.size(); ++i)
    if (ls[i].find(needle) != std::string::npos) return ls[i + 1];
  return "";
}

}  // namespace

TEST_CASE("tty: the source line with the range underlined, the fix, the summary") {
  e2e::TempDir dir;
  dir.write("Dockerfile",
            "FROM python:3.12\nRUN <<EOF\necho one\necho two\nEOF\nENTRYPOINT python run.py\n");
  auto r = e2e::run_on_terminal(dir, {"lint", "Dockerfile"});
  CHECK(r.code == 1);
  CHECK(r.out.find("\033[1;31m^^^^^^^^^^^^^") != std::string::npos);  // coloured carets
  const auto ls = lines(plain(r.out));
  CHECK(line_after(ls, "Dockerfile:6:12 SMP001 error:") == "  |");
  CHECK(line_after(ls, "6 | ENTRYPOINT python run.py") == "  |            ^^^^^^^^^^^^^");
  CHECK(plain(r.out).find("= fix: Write the ENTRYPOINT as a JSON array") != std::string::npos);
  CHECK(plain(r.out).find("Dockerfile: 1 error") != std::string::npos);
  CHECK(plain(r.out).find("Found 1 error in 1 target") != std::string::npos);
  CHECK(plain(r.out).find("1 finding can be fixed with `sagelint lint --fix`") !=
        std::string::npos);
  CHECK(plain(r.out).find("--write-baseline") != std::string::npos);
  // NO_COLOR: the same text without escapes.
  auto nc = e2e::run_on_terminal(dir, {"lint", "Dockerfile"}, {{"NO_COLOR", "1"}});
  CHECK(nc.out.find('\033') == std::string::npos);
  CHECK(plain(nc.out) == plain(r.out));
}

TEST_CASE("tty: tabs, wide characters, long and continued lines") {
  e2e::TempDir dir;
  dir.write("tab/Dockerfile", "FROM python:3.12\nENTRYPOINT\tpython run.py\n");
  dir.write("wide/Dockerfile", "FROM python:3.12\nENTRYPOINT python \xE6\x97\xA5\xE6\x9C\xAC.py\n");
  dir.write("long/Dockerfile",
            "FROM python:3.12\nENTRYPOINT " + std::string(300, 'x') + " python run.py\n");
  dir.write("cont/Dockerfile", "FROM python:3.12\nENTRYPOINT python \\\n    run.py\n");
  auto r = e2e::run_on_terminal(
      dir, {"lint", "tab/Dockerfile", "wide/Dockerfile", "long/Dockerfile", "cont/Dockerfile"});
  const auto ls = lines(plain(r.out));
  // A tab shows as four spaces, and the carets follow.
  CHECK(line_after(ls, "2 | ENTRYPOINT    python run.py") == "  |               ^^^^^^^^^^^^^");
  // Each wide character takes two columns, and two carets.
  CHECK(line_after(ls, "2 | ENTRYPOINT python \xE6\x97\xA5\xE6\x9C\xAC.py") ==
        "  |            ^^^^^^^^^^^^^^");
  // A long line is cut to a window, marked with "...".
  bool long_ok = false;
  for (const auto& l : ls)
    if (l.rfind("2 | ENTRYPOINT xxx", 0) == 0)
      long_ok = l.size() < 140 && l.find("...") != std::string::npos;
  CHECK(long_ok);
  // A range over a continuation shows both lines.
  CHECK(line_after(ls, "2 | ENTRYPOINT python \\") == "  |            ^^^^^^^^");
  CHECK(line_after(ls, "3 |     run.py") == "  | ^^^^^^^^^^");
  CHECK(plain(r.out).find("Found 4 errors in 4 targets") != std::string::npos);
}

TEST_CASE("-f gnu stays one line per finding") {
  e2e::TempDir dir;
  dir.write("Dockerfile", "FROM python:3.12\nENTRYPOINT python run.py\n");
  auto r = e2e::run(dir, {"lint", "-f", "gnu", "Dockerfile"});
  CHECK(std::count(r.out.begin(), r.out.end(), '\n') == 1);
}

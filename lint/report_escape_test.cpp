// Reports that their input cannot forge: hostile target names, paths and messages
// (newlines, a fake finding line, a GitHub workflow command, terminal escapes, invalid
// UTF-8, XML metacharacters) rendered in every format, each checked by a real parser
// (python3's json and xml.etree) or, for the line formats, line by line.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lint/report.hpp"

using namespace sagelint;
using namespace sagelint::lint;
namespace fs = std::filesystem;

namespace {

const std::string kHostile =
    "evil\n::error file=x::forged\r\nDockerfile:1:1: error: SMP001: forged\x1b[2J\x1b]0;t\x07"
    "\xff\xfe<a>&\"'\xc2\x9b";

LintResults hostile_results() {
  TargetResult t;
  t.target = "Docker" + kHostile + "file";
  t.kind = TargetKind::image;
  Finding a;
  a.rule = "SMP010";
  a.severity = Severity::error;
  a.message = "message " + kHostile;
  a.target = t.target;
  a.kind = TargetKind::image;
  a.path = "/opt/ml/" + kHostile;
  Finding b = a;
  b.rule = "SMP001";
  b.kind = TargetKind::dockerfile;
  b.path.reset();
  b.range = SourceRange{1, 1, 1, 5};
  t.findings = {a, b};
  TargetResult broken;
  broken.target = "unreadable" + kHostile;
  broken.error = "cannot read " + kHostile;
  return {t, broken};
}

std::string render(ReportFormat f) {
  std::ostringstream out;
  write_report(f, hostile_results(), out, TtyStyle{false});
  return out.str();
}

// Runs python3 on the text; "" when it parsed.
std::string python_parse(const std::string& text, const std::string& code) {
  std::string dir_tmpl = (fs::temp_directory_path() / "sagelint-escape-XXXXXX").string();
  fs::path dir = mkdtemp(dir_tmpl.data());
  std::ofstream(dir / "report", std::ios::binary) << text;
  std::string cmd = "python3 -c '" + code + "' '" + (dir / "report").string() + "' > '" +
                    (dir / "err").string() + "' 2>&1";
  int rc = system(cmd.c_str());
  std::ifstream in(dir / "err");
  std::stringstream err;
  err << in.rdbuf();
  fs::remove_all(dir);
  return rc == 0 ? "" : "python3: " + err.str();
}

bool have_python() { return system("python3 -c pass >/dev/null 2>&1") == 0; }

}  // namespace

TEST_CASE("hostile names and messages: JSON formats stay valid JSON") {
  if (!have_python()) {
    MESSAGE("skipped: python3 is not installed");
    return;
  }
  for (auto f : {ReportFormat::json, ReportFormat::sarif, ReportFormat::gitlab}) {
    std::string text = render(f);
    CAPTURE(text);
    CHECK(python_parse(text, "import json,sys; json.load(open(sys.argv[1], encoding=\"utf-8\"))") ==
          "");
  }
}

TEST_CASE("hostile names and messages: checkstyle and junit stay well-formed XML") {
  if (!have_python()) {
    MESSAGE("skipped: python3 is not installed");
    return;
  }
  for (auto f : {ReportFormat::checkstyle, ReportFormat::junit}) {
    std::string text = render(f);
    CAPTURE(text);
    CHECK(python_parse(text, "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])") == "");
  }
}

TEST_CASE("hostile names and messages: one line per finding, no escape sequence, no command") {
  for (auto f : {ReportFormat::tty, ReportFormat::gnu, ReportFormat::github}) {
    std::string text = render(f);
    CAPTURE(text);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("\xc2\x9b") == std::string::npos);
    std::istringstream lines(text);
    int n = 0;
    for (std::string line; std::getline(lines, line);) {
      if (line.empty()) continue;
      if (f == ReportFormat::tty) {
        // The tty report adds indented source, path and fix lines and a closing summary;
        // every other line starts with the (escaped) target, and none is a forged one.
        if (line.rfind(' ', 0) == 0 || line.rfind("Found ", 0) == 0 ||
            line.rfind("To accept", 0) == 0)
          continue;
      }
      ++n;
      if (f == ReportFormat::github)
        CHECK((line.rfind("::error file=", 0) == 0 || line.rfind("::warning file=", 0) == 0));
      else
        CHECK(line.rfind("Docker", 0) == 0);
    }
    // The two findings, nothing forged (tty: and its per-target summary line).
    CHECK(n == (f == ReportFormat::tty ? 3 : 2));
  }
}

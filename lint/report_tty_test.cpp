#include <doctest/doctest.h>

#include <sstream>

#include "lint/report.hpp"

using namespace sagelint;

TEST_CASE("tty: image findings show path, layer and the history entry") {
  lint::TargetResult r;
  r.target = "image.tar";
  r.kind = TargetKind::image;
  Finding f;
  f.rule = "SMP041";
  f.severity = Severity::error;
  f.message = "argv[0] not found";
  f.target = r.target;
  f.kind = TargetKind::image;
  f.path = "/usr/local/bin/run";
  f.layer = 3;
  f.created_by = "/bin/sh -c #(nop) COPY file:abc in /usr/local/bin/run\t" + std::string(200, 'x');
  r.findings.push_back(f);
  std::ostringstream out;
  lint::write_tty_report({r}, out, {});
  const std::string text = out.str();
  CHECK(text.find("image.tar SMP041 error: argv[0] not found [/usr/local/bin/run, layer 3]\n") ==
        0);
  CHECK(text.find("   = path: /usr/local/bin/run (layer 3)\n") != std::string::npos);
  // A long history entry is cut, and its tab shown as spaces.
  CHECK(text.find("   = created by: /bin/sh -c #(nop) COPY file:abc in /usr/local/bin/run    x") !=
        std::string::npos);
  CHECK(text.find("xxx...\n") != std::string::npos);
  CHECK(text.find("Found 1 error in 1 target") != std::string::npos);
}

TEST_CASE("tty: a range past the end of the text shows no source, and nothing breaks") {
  lint::TargetResult r;
  r.target = "Dockerfile";
  r.source = "FROM x\n";
  Finding f;
  f.rule = "SMP001";
  f.target = r.target;
  f.message = "m";
  f.range = SourceRange{9, 1, 9, 4};
  r.findings.push_back(f);
  std::ostringstream out;
  lint::write_tty_report({r}, out, {});
  CHECK(out.str().find(" | ") == std::string::npos);
  CHECK(out.str().find("Dockerfile:9:1 SMP001 error: m\n") == 0);
}

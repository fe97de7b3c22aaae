// The html report: hostile values stay text (checked by python3's html.parser), the
// Content-Security-Policy admits the page's own script and style, targets and rules
// are ordered worst first, and each image finding says whether its layer is the base
// image's. The filters themselves run in Chromium (tests/html_report_test.sh).
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
    "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"' onmouseover='x'"
    "<!-- \xe2\x80\xae\xff&amp;";

Finding image_finding(const std::string& target, const std::string& rule, Severity sev, int layer,
                      const std::string& created_by) {
  Finding f;
  f.rule = rule;
  f.severity = sev;
  f.message = "message " + kHostile;
  f.target = target;
  f.kind = TargetKind::image;
  f.path = "/opt/ml/" + kHostile;
  f.layer = layer;
  f.created_by = created_by;
  return f;
}

LintResults sample() {
  TargetResult clean;
  clean.target = "clean/Dockerfile";

  TargetResult img;
  img.target = "docker://127.0.0.1:5000/app" + kHostile + ":1";
  img.kind = TargetKind::image;
  ImageSummary s;
  s.digest = "sha256:" + kHostile;
  for (int i = 0; i < 4; ++i)
    s.layers.push_back({"sha256:l" + std::to_string(i), 1000UL * (i + 1), true,
                        i == 3 ? "COPY job.py /opt/ml/code/ " + kHostile : "ADD base"});
  s.base_layers = 2;
  img.image = s;
  img.findings = {image_finding(img.target, "SMP010", Severity::error, 3, s.layers[3].created_by),
                  image_finding(img.target, "SMP020", Severity::error, 1, "ADD base"),
                  image_finding(img.target, "SMP011", Severity::warning, 3, "")};

  TargetResult warn;
  warn.target = "warn/Dockerfile";
  Finding w;
  w.rule = "SMP011";
  w.severity = Severity::warning;
  w.message = "workdir";
  w.target = warn.target;
  w.range = SourceRange{2, 1, 2, 10};
  warn.findings = {w};

  TargetResult broken;
  broken.target = "broken" + kHostile + ".tar";
  broken.kind = TargetKind::image;
  broken.error = "cannot read " + kHostile;
  return {clean, img, warn, broken};
}

std::string render(const LintResults& results) {
  std::ostringstream out;
  write_report(ReportFormat::html, results, out, TtyStyle{false});
  return out.str();
}

// Runs python3 CODE on the page (sys.argv[1]); returns its stdout, or "" and fails.
std::string python(const std::string& page, const std::string& code) {
  std::string tmpl = (fs::temp_directory_path() / "sagelint-html-XXXXXX").string();
  fs::path dir = mkdtemp(tmpl.data());
  std::ofstream(dir / "page.html", std::ios::binary) << page;
  std::ofstream(dir / "check.py") << code;
  std::string cmd = "python3 '" + (dir / "check.py").string() + "' '" +
                    (dir / "page.html").string() + "' > '" + (dir / "out").string() + "' 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream in(dir / "out");
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  fs::remove_all(dir);
  INFO(out);
  CHECK(rc == 0);
  return out;
}

}  // namespace

TEST_CASE("html: hostile values are text, never markup or script") {
  std::string page = render(sample());
  // Every tag and attribute the page has is one the writer emits.
  auto out = python(page, R"PY(
import sys, html.parser
tags = {"html","head","meta","title","style","body","h1","h2","p","div","fieldset","legend",
        "label","input","span","code","button","table","thead","tbody","tr","th","td","a",
        "section","svg","g","rect","text","details","summary","script"}
attrs = {"lang","charset","http-equiv","content","name","class","id","type","value","checked",
         "href","width","height","x","y","fill","xmlns","role","aria-label","data-filter",
         "data-severity","data-rule","data-t","data-col","data-shown","data-layer",
         "data-targets","data-findings"}
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(); self.scripts = 0; self.text = []
    def handle_starttag(self, tag, a):
        assert tag in tags, tag
        for k, v in a:
            assert k in attrs, (tag, k)
        if tag == "script": self.scripts += 1
        if tag == "a": assert dict(a)["href"].startswith("#t"), a
    def handle_data(self, d): self.text.append(d)
    def handle_comment(self, d): raise AssertionError("comment " + d)
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read()); p.close()
assert p.scripts == 1, p.scripts
text = "".join(p.text)
assert "<img src=x onerror=alert(2)>" in text
assert "[U+202E]" in text and "\u202e" not in text
assert "\ufffd" in text  # the invalid byte
print("ok")
)PY");
  CHECK(out == "ok\n");
}

TEST_CASE("html: the Content-Security-Policy admits exactly the page's script and style") {
  std::string page = render(sample());
  auto out = python(page, R"PY(
import sys, re, hashlib, base64
page = open(sys.argv[1], encoding="utf-8").read()
csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
def h(s): return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
assert "default-src 'none'" in csp, csp
assert "script-src " + h(script) in csp, csp
assert "style-src " + h(style) in csp, csp
assert "unsafe-inline" not in csp and "http" not in csp.replace("http-equiv", "")
print("ok")
)PY");
  CHECK(out == "ok\n");
}

TEST_CASE("html: worst target and worst rule first, counts per rule") {
  std::string page = render(sample());
  auto pos = [&](const std::string& s) { return page.find(s); };
  // Summary rows: unreadable, then the image with two errors, then the warning, then clean.
  auto summary = pos("<table id=\"summary\">");
  REQUIRE(summary != std::string::npos);
  auto broken = page.find("<tr data-t=\"3\" class=\"unreadable\">", summary);
  auto img = page.find("<tr data-t=\"1\">", summary);
  auto warn = page.find("<tr data-t=\"2\">", summary);
  auto clean = page.find("<tr data-t=\"0\">", summary);
  CHECK(broken < img);
  CHECK(img < warn);
  CHECK(warn < clean);
  // Columns: the error rules before the warning rule.
  CHECK(page.find("<th data-col=\"SMP010\"", summary) <
        page.find("<th data-col=\"SMP011\"", summary));
  CHECK(page.find("<th data-col=\"SMP020\"", summary) <
        page.find("<th data-col=\"SMP011\"", summary));
  CHECK(page.find("<span class=\"count\" data-rule=\"SMP011\">2</span>") != std::string::npos);
  CHECK(page.find("<span class=\"count\" data-severity=\"error\">2</span>") != std::string::npos);
}

TEST_CASE("html: an image finding names its layer and whether the base image made it") {
  auto results = sample();
  std::string page = render(results);
  auto row = [&](const std::string& rule) {
    auto at = page.find("<tr class=\"finding\" data-t=\"1\" data-rule=\"" + rule + "\"");
    REQUIRE(at != std::string::npos);
    return page.substr(at, page.find("</tr>", at) - at);
  };
  CHECK(row("SMP010").find("<td class=\"n layer\">3</td><td class=\"origin origin-own\">own "
                           "build step</td>") != std::string::npos);
  CHECK(row("SMP010").find("COPY job.py /opt/ml/code/") != std::string::npos);
  CHECK(row("SMP020").find("origin-base\">base image</td>") != std::string::npos);
  // One bar per layer in the picture.
  std::size_t bars = 0;
  for (auto at = page.find("<rect"); at != std::string::npos; at = page.find("<rect", at + 1))
    ++bars;
  CHECK(bars == 4);

  results[1].image->base_layers.reset();
  page = render(results);
  CHECK(row("SMP010").find("origin-unknown\">unknown</td>") != std::string::npos);
}

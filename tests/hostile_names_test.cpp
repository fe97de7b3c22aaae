// File names an image or a container chooses (newlines, a forged finding line, a GitHub
// workflow command, terminal escapes, invalid UTF-8, XML metacharacters) through the
// built binary: `lint` of an image with such files in every report format, each checked
// by a real parser (python3's json and xml.etree; the SARIF Multitool for SARIF) or line
// by line, and `run` of a container that writes such names into its outputs.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "e2e_support.hpp"
#include "tests/support/fixture_builder.hpp"
#include "tests/support/skip.hpp"

namespace {

namespace fs = std::filesystem;
namespace fx = sagelint::fixtures;
using nlohmann::json;

// One name per attack; every one is a valid file name (no '/' and no NUL).
const std::vector<std::string> kHostileNames = {
    "new\nline.csv",
    "forged\nimage.tar: error: SMP001: forged finding",
    "gh\n::error file=x::forged",
    "ansi\x1b[2J\x1b]0;title\x07.bin",
    "bad-utf8-\xff\xfe\xc3.txt",
    "c1-\xc2\x9b"
    "31m.txt",
    "xml<a>&\"'.txt",
};

const char* kFormats[] = {"tty", "json", "sarif", "gnu", "github", "checkstyle", "gitlab", "junit"};

// A plain ustar layer written here: libarchive's writer refuses names that are not UTF-8,
// and an image's tar may hold any bytes. Names up to 100 bytes, directories and files.
void ustar_entry(std::string& tar, const std::string& name, bool dir, const std::string& data) {
  std::string h(512, '\0');
  auto put = [&](std::size_t at, std::size_t width, const std::string& v) {
    h.replace(at, std::min(v.size(), width), v.substr(0, width));
  };
  auto octal = [](std::uint64_t v, int digits) {
    std::string o(static_cast<std::size_t>(digits), '0');
    for (int i = digits - 1; i >= 0 && v; --i, v >>= 3)
      o[static_cast<std::size_t>(i)] = static_cast<char>('0' + (v & 7));
    return o;
  };
  REQUIRE(name.size() <= 100);
  put(0, 100, name);
  put(100, 8, octal(dir ? 0755 : 0644, 7));
  put(108, 8, octal(0, 7));
  put(116, 8, octal(0, 7));
  put(124, 12, octal(dir ? 0 : data.size(), 11));
  put(136, 12, octal(0, 11));
  h[156] = dir ? '5' : '0';
  put(257, 6, std::string("ustar\0", 6));
  put(263, 2, "00");
  put(148, 8, "        ");
  unsigned sum = 0;
  for (unsigned char c : h) sum += c;
  put(148, 8, octal(sum, 6) + std::string("\0 ", 2));
  tar += h;
  if (dir) return;
  tar += data;
  tar.append((512 - data.size() % 512) % 512, '\0');
}

std::string hostile_image(const e2e::TempDir& dir) {
  fx::LayerSpec layer;
  layer.created_by = "COPY code /opt/ml/processing/code/";
  for (const char* d : {"opt/", "opt/ml/", "opt/ml/processing/", "opt/ml/processing/code/"})
    ustar_entry(layer.raw, d, true, "");
  for (const auto& n : kHostileNames)
    ustar_entry(layer.raw, "opt/ml/processing/code/" + n, false, "data");
  layer.raw.append(1024, '\0');
  fx::ImageSpec image;
  image.layers.push_back(layer);
  image.config = {{"Entrypoint", {"/usr/bin/python3", "/opt/program/run.py"}}};
  image.tags = {"sagelint-test/hostile:1"};
  fx::ArchiveSpec spec;
  spec.images.push_back(image);
  std::string path = (dir.path() / "image.tar").string();
  fx::write_archive(spec, path);
  return path;
}

// Runs a python3 check on a file; "" when it passed, else what python printed.
std::string python_check(const e2e::TempDir& dir, const fs::path& file, const std::string& code) {
  fs::path script = dir.path() / "check.py", err = dir.path() / "check.err";
  std::ofstream(script) << code;
  std::string cmd =
      "python3 '" + script.string() + "' '" + file.string() + "' >'" + err.string() + "' 2>&1";
  return system(cmd.c_str()) == 0 ? "" : "python3: " + e2e::read_text(err);
}

// Every finding's path or message, as the parsed report gives them back.
const char* kJsonCheck = R"py(
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
text = json.dumps(doc, ensure_ascii=False)
# Each hostile name is there as data (inside a string), never as raw control bytes.
for needle in ["new\nline.csv", "gh\n::error file=x::forged", "ansi\x1b[2J"]:
    if needle not in text and json.dumps(needle)[1:-1] not in text:
        sys.exit("missing: " + repr(needle))
)py";

const char* kXmlCheck = R"py(
import sys, xml.etree.ElementTree as E
root = E.parse(sys.argv[1]).getroot()
text = "".join(root.itertext()) + " ".join(v for e in root.iter() for v in e.attrib.values())
if "new" not in text or "xml<a>&" not in text:
    sys.exit("the hostile names are not in the XML: " + text[:400])
)py";

}  // namespace

TEST_CASE("lint of an image with hostile file names: every report format stays intact") {
  REQUIRE(system("python3 -c pass >/dev/null 2>&1") == 0);  // a test dependency (setup.sh)
  e2e::TempDir dir;
  std::string image = hostile_image(dir);
  for (const char* format : kFormats) {
    CAPTURE(format);
    fs::path report = dir.path() / (std::string("report.") + format);
    auto r = e2e::run(dir, {"lint", "--select", "SMP010", "-f",
                            std::string(format) + "=" + report.string(), image});
    CAPTURE(r.err);
    REQUIRE(r.code == 1);  // SMP010 flags every one of the files
    std::string text = e2e::read_text(report);
    const std::string f = format;
    if (f == "json" || f == "sarif" || f == "gitlab") {
      CHECK(python_check(dir, report, kJsonCheck) == "");
    } else if (f == "checkstyle" || f == "junit") {
      CHECK(python_check(dir, report, kXmlCheck) == "");
    } else {
      // Line formats: no raw escape, carriage return or C1 control; one line per finding,
      // each starting as a real one does, none forged.
      CHECK(text.find('\x1b') == std::string::npos);
      CHECK(text.find('\r') == std::string::npos);
      CHECK(text.find('\x07') == std::string::npos);
      CHECK(text.find("\xc2\x9b") == std::string::npos);
      int findings = 0;
      for (const auto& line : e2e::lines(text)) {
        if (line.empty()) continue;
        if (f == "tty" && (line.rfind(" ", 0) == 0 || line.rfind("Found ", 0) == 0 ||
                           line.rfind("To accept", 0) == 0))
          continue;  // the tty report's indented detail and its summary
        CAPTURE(line);
        if (f == "github") {
          CHECK(line.rfind("::error file=", 0) == 0);
        } else {
          CHECK(line.rfind(image, 0) == 0);
        }
        if (line.find("SMP010") != std::string::npos) ++findings;
      }
      CHECK(findings == static_cast<int>(kHostileNames.size()));
    }
  }
}

TEST_SUITE_BEGIN("needs-sarif-multitool");
TEST_CASE("lint of an image with hostile file names: the SARIF Multitool accepts the SARIF") {
  const fs::path script = fs::path(SAGELINT_SOURCE_DIR) / "tests" / "sarif_multitool_test.sh";
  e2e::TempDir dir;
  std::string image = hostile_image(dir);
  fs::path report = dir.path() / "report.sarif";
  auto r = e2e::run(dir, {"lint", "--select", "SMP010", "-f", "sarif=" + report.string(), image});
  REQUIRE(r.code == 1);
  fs::path log = dir.path() / "multitool.log";
  int rc = system(("'" + script.string() + "' --validate '" + report.string() + "' >'" +
                   log.string() + "' 2>&1")
                      .c_str());
  std::string verdict = e2e::read_text(log);
  CAPTURE(verdict);
  int code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  SKIP_IF_MISSING("sarif-multitool", code == 77 ? verdict : "");
  CHECK(code == 0);
  CHECK(verdict.find("PASS: SARIF Multitool") != std::string::npos);
}
TEST_SUITE_END();

namespace {

std::string why_not_runc() {
  if (geteuid() != 0) return "runc needs root";
  if (system("runc --version >/dev/null 2>&1") != 0) return "runc is not installed";
  for (const char* p : {"/bin/busybox", "/usr/bin/busybox"})
    if (fs::exists(p)) return "";
  return "busybox-static is not installed";
}

}  // namespace

TEST_SUITE_BEGIN("needs-runc");
TEST_CASE("run: hostile names a container writes into its outputs, in the report and the log") {
  SKIP_IF_MISSING("runc", why_not_runc());
  e2e::TempDir dir;
  std::string bb = fs::exists("/bin/busybox") ? "/bin/busybox" : "/usr/bin/busybox";
  fx::LayerSpec layer;
  layer.entries.push_back(fx::Dir("bin"));
  layer.entries.push_back(fx::File("bin/busybox", e2e::read_text(bb), 0755));
  for (const char* a : {"sh", "printf", "ln", "mkfifo", "ls"})
    layer.entries.push_back(fx::Symlink(std::string("bin/") + a, "busybox"));
  // printf's escapes make the names inside the container: a file, a link and a FIFO each,
  // and the raw names printed to the log. A script in the image: an entrypoint item is at most
  // 256 characters.
  layer.entries.push_back(
      fx::File("job.sh",
               "cd /opt/ml/processing/output\n"
               "for n in 'new\\nline' 'ansi\\033[2J\\033]0;t\\007' 'bad\\377\\376' "
               "'gh\\n::error file=x::forged'; do\n"
               "  f=$(printf \"$n\"); printf data > \"$f\"; ln -s /etc/passwd \"$f.link\"; mkfifo "
               "\"$f.fifo\"\n"
               "  printf \"$n\\n\"\n"
               "done\n",
               0755));
  fx::ImageSpec image;
  image.layers.push_back(layer);
  image.tags = {"sagelint-test/hostile-run:1"};
  fx::ArchiveSpec spec;
  spec.images.push_back(image);
  std::string archive = (dir.path() / "run.tar").string();
  fx::write_archive(spec, archive);
  fs::path out = dir.path() / "out";
  auto r = e2e::run(dir, {"run", archive, "--output", "/opt/ml/processing/output:" + out.string(),
                          "--entrypoint", R"(["/bin/sh","/job.sh"])"});
  CAPTURE(r.err);
  CHECK(r.code == 1);  // Completed, with an SMP032 warning per link
  // The log: no raw escapes reach the terminal, and no line is a workflow command (GitHub
  // reads them only at the start of a line; the container's lines start with its host).
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find('\x07') == std::string::npos);
  CHECK(r.err.find("algo-1 | ::error file=x::forged\n") != std::string::npos);
  for (const auto& line : e2e::lines(r.err)) CHECK(line.rfind("::", 0) != 0);
  // The report is JSON, with each name as data.
  auto rep = json::parse(r.out, nullptr, false);
  REQUIRE_FALSE(rep.is_discarded());
  CHECK(rep["ProcessingJobStatus"] == "Completed");
  std::string files = rep["Hosts"][0]["Files"].dump();
  CHECK(files.find("new\\nline.link") != std::string::npos);
  CHECK(files.find("new\\nline.fifo") != std::string::npos);
  CHECK(files.find("ansi\\u001b[2J") != std::string::npos);
  int symlink_findings = 0;
  for (const auto& f : rep.value("Findings", json::array()))
    if (f.value("rule", "") == "SMP032") ++symlink_findings;
  CHECK(symlink_findings == 4);
  // The files themselves arrive under their exact names; links and FIFOs do not.
  CHECK(e2e::read_text(out / "new\nline") == "data");
  CHECK(e2e::read_text(out / "ansi\x1b[2J\x1b]0;t\x07") == "data");
  CHECK(e2e::read_text(out / "bad\xff\xfe") == "data");
  CHECK_FALSE(fs::exists(fs::symlink_status(out / "new\nline.link")));
  CHECK_FALSE(fs::exists(fs::symlink_status(out / "new\nline.fifo")));
}
TEST_SUITE_END();

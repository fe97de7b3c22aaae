// --fix over every Dockerfile of ../shared/corpus and the project's examples: the
// fixed findings are gone at their places, only the fixed instructions change (their
// lines in the text, their nodes in BuildKit's dump), a second run changes nothing,
// and the exec form runs the argv sh would have built.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>

#include "fix/dockerfile_fix.hpp"
#include "fix/sh_argv_test_support.hpp"
#include "fix/shell_text.hpp"
#include "lint/engine.hpp"
#include "parser/dump.hpp"
#include "parser/parser.hpp"
#include "parser/shared_data_test_support.hpp"

namespace {

namespace fs = std::filesystem;
using sagelint::fix::FindingFix;

constexpr int kShSampleLimit = 300;  // keeps the test lean

struct Counts {
  int findings = 0, fixed = 0, refused = 0;
};

sagelint::lint::TargetResult lint(const std::string& text) {
  sagelint::lint::DockerfileInput input;
  input.target = "Dockerfile";
  input.text = text;
  return sagelint::lint::lint_dockerfile(input, {});
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= text.size()) {
    std::size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    out.push_back(text.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

std::string dump_one(const sagelint::parser::Instruction& inst) {
  sagelint::parser::Dockerfile one;
  one.instructions.push_back(inst);
  return sagelint::parser::dump_buildkit(one);
}

// Checks one file; adds to the per-rule counts. Returns false when it is not lintable.
bool check_file(const std::string& text, std::map<std::string, Counts>& counts,
                int& argv_compared) {
  auto before = lint(text);
  if (before.error) return false;
  auto outcome = sagelint::fix::fix_dockerfile_text(text, before.findings, {}, "");
  REQUIRE(outcome);
  // Real shell-form text of any stage that --fix would call plain words: sh must split
  // it the same way (`set -- TEXT` runs nothing when the text has no shell syntax).
  const auto parsed = sagelint::parser::parse(text);
  for (const auto& inst : parsed.file.instructions) {
    if (argv_compared >= kShSampleLimit) break;
    const bool shell_form =
        (inst.keyword == "run" || inst.keyword == "cmd" || inst.keyword == "entrypoint") &&
        !inst.json && inst.heredocs.empty() && inst.args.size() == 1;
    if (!shell_form) continue;
    const auto sh = sagelint::fix::analyze_shell_text(inst.args.front().value);
    if (sh.needs_shell || sh.words.empty()) continue;
    std::string words = inst.args.front().value;
    if (words.rfind("exec ", 0) == 0) words.erase(0, 5);
    std::vector<std::string> ours;
    for (const auto& w : sh.words) ours.push_back(w.value);
    CAPTURE(words);
    CHECK(sagelint::fix::testing::argv_under_sh(words) == ours);
    ++argv_compared;
  }
  for (std::size_t i = 0; i < before.findings.size(); ++i) {
    const auto& f = before.findings[i];
    if (!sagelint::fix::is_fixable_rule(f.rule)) continue;
    auto& c = counts[f.rule];
    ++c.findings;
    if (outcome->per_finding[i].status == FindingFix::fixed) ++c.fixed;
    if (outcome->per_finding[i].status == FindingFix::refused) ++c.refused;
  }
  if (!outcome->changed) return true;

  auto after = lint(outcome->text);
  REQUIRE_MESSAGE(!after.error, after.error.value_or(""));
  // The fixed rules are gone at the fixed places.
  for (std::size_t i = 0; i < before.findings.size(); ++i) {
    if (outcome->per_finding[i].status != FindingFix::fixed) continue;
    for (const auto& g : after.findings) {
      const bool same = g.rule == before.findings[i].rule && g.range &&
                        g.range->line == before.findings[i].range->line;
      CHECK_MESSAGE(!same, g.rule << " still at line " << g.range->line);
    }
  }
  // Only ENTRYPOINT/CMD lines changed, and only those instructions' dumps.
  const auto a = sagelint::parser::parse(text), b = sagelint::parser::parse(outcome->text);
  REQUIRE(!b.error);
  REQUIRE(a.file.instructions.size() == b.file.instructions.size());
  const auto la = lines_of(text), lb = lines_of(outcome->text);
  REQUIRE(la.size() == lb.size());
  std::set<int> changed_lines;
  for (std::size_t l = 0; l < la.size(); ++l)
    if (la[l] != lb[l]) changed_lines.insert(static_cast<int>(l) + 1);
  for (std::size_t i = 0; i < a.file.instructions.size(); ++i) {
    const auto& ia = a.file.instructions[i];
    const auto& ib = b.file.instructions[i];
    bool touched = false;
    for (int l = ia.span.begin.line; l <= ia.span.end.line; ++l)
      if (changed_lines.erase(l)) touched = true;
    const bool start = ia.keyword == "entrypoint" || ia.keyword == "cmd";
    if (!touched || !start) {
      CHECK_MESSAGE(dump_one(ia) == dump_one(ib), "instruction at line " << ia.span.begin.line);
      CHECK(!touched);
      continue;
    }
    CHECK(ib.json);
    // Shell form turned into plain exec form: the argv sh would have built.
    if (!ia.json && !ia.json_error && !ib.args.empty() && ib.args.front().value != "/bin/sh" &&
        !sagelint::fix::analyze_shell_text(ia.args.front().value).needs_shell) {
      std::vector<std::string> exec_form;
      for (const auto& t : ib.args) exec_form.push_back(t.value);
      std::string text_for_sh = ia.args.front().value;
      if (text_for_sh.rfind("exec ", 0) == 0) text_for_sh.erase(0, 5);  // --fix drops it
      CHECK(sagelint::fix::testing::argv_under_sh(text_for_sh) == exec_form);
      ++argv_compared;
    }
  }
  CHECK(changed_lines.empty());  // no line outside an instruction changed
  // A second run changes nothing.
  auto again = sagelint::fix::fix_dockerfile_text(outcome->text, after.findings, {}, "");
  REQUIRE(again);
  CHECK(again->text == outcome->text);
  return true;
}

// Fixes every file, prints what --fix did per rule, and returns how many were linted.
int fix_all(const std::vector<fs::path>& files, const char* what) {
  std::map<std::string, Counts> counts;
  int linted = 0, argv_compared = 0;
  for (const auto& path : files) {
    CAPTURE(path.string());
    if (check_file(sagelint::parser::testing::read_all(path), counts, argv_compared)) ++linted;
  }
  std::cout << "--fix on " << linted << " Dockerfiles (" << what << "):\n";
  for (const auto& [rule, c] : counts)
    std::cout << "  " << rule << ": " << c.findings << " findings, " << c.fixed << " fixed, "
              << c.refused << " left with a reason\n";
  std::cout << "  exec-form argv compared with sh's: " << argv_compared << "\n";
  return linted;
}

}  // namespace

TEST_CASE("--fix over the project's examples") {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(SAGELINT_SOURCE_DIR) / "examples"))
    if (e.path().filename() == "Dockerfile") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  CHECK(fix_all(files, "examples") == static_cast<int>(files.size()));
}

TEST_SUITE_BEGIN("needs-shared");
TEST_CASE("--fix over the shared Dockerfile corpus") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus/dockerfiles"));
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus/buildkit-oracle"));
  const fs::path corpus = sagelint::testing::shared_path("corpus/dockerfiles");
  const fs::path oracle = sagelint::testing::shared_path("corpus/buildkit-oracle");
  // Only the files BuildKit parses (its oracle has a .result for them): the others are
  // not Dockerfiles, and lint reports them as unreadable.
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(corpus))
    if (e.is_regular_file() && fs::exists(oracle / (e.path().filename().string() + ".result")))
      files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(!files.empty());
  CHECK(fix_all(files, "../shared corpus, those BuildKit parses") ==
        static_cast<int>(files.size()));
}
TEST_SUITE_END();

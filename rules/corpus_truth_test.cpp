// Truth measured on real files: fixtures/corpus-truth/<RULE-ID>.txt names Dockerfiles of
// ../shared/corpus/dockerfiles and what the rule must report there.
//
//     flagged <path relative to corpus/dockerfiles> <line>[,<line>...]   # why
//     clean   <path relative to corpus/dockerfiles>                      # why
//
// `flagged`: linting that one file with all rules gives exactly these start lines for the
// rule (set equality); `clean`: the rule reports nothing there. `#` starts a comment; a file
// for a rule the corpus cannot hold a case of says why in its first line and lists none.
// Each named corpus file is linted once, with every rule, as `sagelint lint FILE` would.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "parser/parser.hpp"
#include "parser/stages.hpp"
#include "rules/rule.hpp"
#include "tests/support/skip.hpp"

namespace {

namespace fs = std::filesystem;
using sagelint::Finding;
using sagelint::TargetKind;

struct TruthCase {
  std::string where;  // "fixtures/corpus-truth/SMP020.txt:12", for messages
  std::string rule;
  std::string file;
  bool flagged = false;
  std::set<int> lines;
};

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

// Parses "12,40,41"; false on anything else (empty parts, signs, zero).
bool parse_lines(const std::string& text, std::set<int>& out) {
  std::stringstream ss(text);
  for (std::string part; std::getline(ss, part, ',');) {
    if (part.empty() || part.size() > 6 ||
        part.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    int n = std::stoi(part);
    if (n <= 0 || !out.insert(n).second) return false;
  }
  return !out.empty();
}

// One truth file; malformed lines are returned in `errors` as "file:line: reason".
std::vector<TruthCase> read_truth(const fs::path& path, const std::string& shown,
                                  std::vector<std::string>& errors) {
  std::vector<TruthCase> out;
  std::ifstream in(path);
  const std::string rule = path.stem().string();
  int number = 0;
  bool first_is_comment = false;
  for (std::string raw; std::getline(in, raw);) {
    ++number;
    std::string where = shown + ":" + std::to_string(number);
    auto hash = raw.find('#');
    if (number == 1)
      first_is_comment = hash != std::string::npos && trim(raw.substr(0, hash)).empty();
    if (raw.find("TODO") != std::string::npos) {
      errors.push_back(where + ": still says TODO (the template of scripts/new-rule.sh)");
    }
    std::string line = trim(hash == std::string::npos ? raw : raw.substr(0, hash));
    if (line.empty()) continue;
    std::istringstream words(line);
    std::string kind, file, lines, extra;
    words >> kind >> file >> lines >> extra;
    TruthCase c{where, rule, file, kind == "flagged", {}};
    if (kind != "flagged" && kind != "clean") {
      errors.push_back(where + ": starts with `" + kind + "`, not `flagged` or `clean`");
    } else if (file.empty()) {
      errors.push_back(where + ": names no corpus file");
    } else if (!extra.empty() || (kind == "clean" && !lines.empty())) {
      errors.push_back(where + ": unexpected words after the " +
                       (kind == "clean" ? std::string("file") : std::string("lines")));
    } else if (kind == "flagged" && !parse_lines(lines, c.lines)) {
      errors.push_back(where + ": `flagged` needs distinct start lines such as 12 or 12,40");
    } else {
      out.push_back(std::move(c));
    }
  }
  if (out.empty() && !first_is_comment) {
    errors.push_back(shown + ":1: no cases, and no first-line comment saying why");
  }
  return out;
}

}  // namespace

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("corpus truth: every rule's flagged and clean cases on real Dockerfiles") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus/dockerfiles"));
  const fs::path corpus = sagelint::testing::shared_path("corpus/dockerfiles");
  const fs::path truth_dir = fs::path(SAGELINT_SOURCE_DIR) / "fixtures" / "corpus-truth";
  REQUIRE(fs::is_directory(truth_dir));

  std::set<std::string> known_rules;
  for (const auto* rule : sagelint::rules::all_rules()) {
    known_rules.insert(std::string(rule->info().id));
  }

  std::vector<fs::path> truth_files;
  for (const auto& e : fs::directory_iterator(truth_dir)) {
    if (e.path().extension() == ".txt") truth_files.push_back(e.path());
  }
  std::sort(truth_files.begin(), truth_files.end());
  REQUIRE_FALSE(truth_files.empty());

  std::vector<TruthCase> cases;
  std::vector<std::string> errors;
  std::set<std::string> rules_with_files;
  for (const auto& path : truth_files) {
    std::string shown = "fixtures/corpus-truth/" + path.filename().string();
    std::string rule = path.stem().string();
    rules_with_files.insert(rule);
    if (known_rules.count(rule) == 0) {
      errors.push_back(shown + ":1: " + rule + " is not a rule of this build");
      continue;
    }
    auto found = read_truth(path, shown, errors);
    cases.insert(cases.end(), found.begin(), found.end());
  }
  // Every rule has its truth file, even if only to say why the corpus holds no case.
  for (const auto& rule : known_rules) {
    if (rules_with_files.count(rule) == 0) {
      errors.push_back("fixtures/corpus-truth/" + rule + ".txt: missing (every rule has one)");
    }
  }
  for (const auto& e : errors) FAIL_CHECK(e);

  // Start lines per corpus file and rule, each file linted once with every rule.
  std::map<std::string, std::map<std::string, std::set<int>>> linted;
  std::map<std::string, int> flagged_per_rule, clean_per_rule;
  for (const auto& c : cases) {
    CAPTURE(c.where);
    const fs::path file = corpus / c.file;
    if (!fs::is_regular_file(file)) {
      FAIL_CHECK((c.where + ": " + c.file + " is not in ../shared/corpus/dockerfiles"));
      continue;
    }
    auto done = linted.find(c.file);
    if (done == linted.end()) {
      auto& found = linted[c.file];
      auto loaded = sagelint::parser::load_file(file.string());
      REQUIRE_MESSAGE(!loaded.error, (c.where + ": " + *loaded.error));
      auto parsed = sagelint::parser::parse(loaded.text);
      REQUIRE_MESSAGE(!parsed.error, (c.where + ": " + c.file + " does not parse"));
      auto stages = sagelint::parser::build_stages(parsed.file);
      // The Dockerfile's directory is the build context, as for `sagelint lint FILE`.
      sagelint::rules::DockerfileContext ctx{parsed.file, stages, -1, corpus.string(), nullptr};
      for (const auto* rule : sagelint::rules::all_rules()) {
        sagelint::rules::Reporter reporter(
            rule->info(), c.file, TargetKind::dockerfile,
            [&](Finding f) { found[f.rule].insert(f.range ? f.range->line : 0); });
        rule->check(ctx, reporter);
      }
      done = linted.find(c.file);
    }
    auto lines = done->second[c.rule];
    auto list = [](const std::set<int>& s) {
      std::string out;
      for (int n : s) out.append(out.empty() ? "" : ",").append(std::to_string(n));
      return out.empty() ? std::string("none") : out;
    };
    std::string got = c.rule + " reports lines " + list(lines) + " in " + c.file;
    CAPTURE(got);
    if (c.flagged) {
      ++flagged_per_rule[c.rule];
      CHECK_MESSAGE(lines == c.lines, (c.where + ": expected lines " + list(c.lines)));
    } else {
      ++clean_per_rule[c.rule];
      CHECK_MESSAGE(lines.empty(), (c.where + ": expected clean"));
    }
  }
  std::string summary;
  for (const auto& rule : rules_with_files) {
    summary += " " + rule + "=" + std::to_string(flagged_per_rule[rule]) + "/" +
               std::to_string(clean_per_rule[rule]);
  }
  MESSAGE(cases.size() << " truth cases over " << linted.size()
                       << " corpus files (rule=flagged/clean):" << summary);
}

TEST_SUITE_END();

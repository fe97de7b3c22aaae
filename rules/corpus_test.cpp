// Real-world check: every rule over every Dockerfile of ../shared/corpus. No
// crash; a parse error only where BuildKit rejects the file; SMP010 where the
// corpus notes say the file copies into /opt/ml; no SMP020 on the CUDA images
// that install only the toolkit and cuda-compat.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
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

struct Row {
  std::string group;
  int copy_to_opt_ml = 0;
  int nvidia_driver_like = 0;
  int cuda_compat = 0;
};

std::map<std::string, Row> read_features(const fs::path& tsv) {
  std::map<std::string, Row> rows;
  std::ifstream in(tsv);
  std::string line;
  std::vector<std::string> header;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) cells.push_back(cell);
    if (header.empty()) {
      header = cells;
      continue;
    }
    std::map<std::string, std::string> named;
    for (std::size_t k = 0; k < cells.size() && k < header.size(); ++k) named[header[k]] = cells[k];
    Row row;
    row.group = named["group"];
    row.copy_to_opt_ml = std::atoi(named["copy_to_opt_ml"].c_str());
    row.nvidia_driver_like = std::atoi(named["nvidia_driver_like"].c_str());
    row.cuda_compat = std::atoi(named["cuda_compat"].c_str());
    rows[named["file"]] = row;
  }
  return rows;
}

}  // namespace

TEST_SUITE_BEGIN("needs-shared");

TEST_CASE("every rule over the Dockerfile corpus") {
  SKIP_IF_MISSING("shared", sagelint::testing::missing_shared("corpus/dockerfiles"));
  const fs::path dir = sagelint::testing::shared_path("corpus/dockerfiles");
  auto features = read_features(dir / "FEATURES.tsv");
  REQUIRE(features.size() > 300);
  const std::set<std::string> rejected_by_buildkit = {
      "replicatedhq__dockerfilelint__test__examples__Dockerfile.misc"};
  const bool dump = std::getenv("SAGELINT_CORPUS_DUMP") != nullptr;

  std::map<std::string, int> per_rule;
  int files = 0;
  int opt_ml_files = 0;
  int cuda_files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".tsv") continue;
    CAPTURE(name);
    ++files;
    auto loaded = sagelint::parser::load_file(entry.path().string());
    REQUIRE_MESSAGE(!loaded.error, *loaded.error);
    auto parsed = sagelint::parser::parse(loaded.text);
    CHECK(parsed.error.has_value() == (rejected_by_buildkit.count(name) == 1));
    if (parsed.error) continue;
    auto stages = sagelint::parser::build_stages(parsed.file);
    sagelint::rules::DockerfileContext ctx{parsed.file, stages, -1, "", nullptr};
    std::map<std::string, int> found;
    for (const auto* rule : sagelint::rules::all_rules()) {
      sagelint::rules::Reporter reporter(
          rule->info(), name, TargetKind::dockerfile, [&](Finding f) {
            ++found[f.rule];
            ++per_rule[f.rule];
            if (dump) {
              std::cout << name << ":" << (f.range ? f.range->line : 0) << ": " << f.rule << ": "
                        << f.message << "\n";
            }
          });
      rule->check(ctx, reporter);
    }
    // The same file cut short at a few places must not trip any rule either.
    for (std::size_t cut :
         {loaded.text.size() / 3, loaded.text.size() / 2, loaded.text.size() * 4 / 5}) {
      auto partial = sagelint::parser::parse(std::string_view(loaded.text).substr(0, cut));
      if (partial.error) continue;
      auto partial_stages = sagelint::parser::build_stages(partial.file);
      sagelint::rules::DockerfileContext partial_ctx{partial.file, partial_stages, -1, "", nullptr};
      for (const auto* rule : sagelint::rules::all_rules()) {
        sagelint::rules::Reporter reporter(rule->info(), name, TargetKind::dockerfile,
                                           [](Finding f) { CHECK(f.range.has_value()); });
        rule->check(partial_ctx, reporter);
      }
    }
    auto row = features.find(name);
    REQUIRE(row != features.end());
    if (row->second.copy_to_opt_ml > 0) {
      ++opt_ml_files;
      CHECK(found["SMP010"] > 0);
    }
    if (row->second.group == "nvidia-cuda" ||
        (row->second.cuda_compat > 0 && row->second.nvidia_driver_like == 0)) {
      ++cuda_files;
      CHECK(found["SMP020"] == 0);
    }
  }
  CHECK(files > 300);
  CHECK(opt_ml_files >= 10);
  CHECK(cuda_files >= 20);
  std::string counts;
  for (const auto& [rule, n] : per_rule) counts += " " + rule + "=" + std::to_string(n);
  MESSAGE(files << " Dockerfiles; findings:" << counts);
}

TEST_SUITE_END();

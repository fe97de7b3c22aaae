#include <string>
#include <vector>

#include "rules/run_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP032();
}

using namespace sagelint::rules::testing;
using sagelint::rules::rule_SMP032;
using sagelint::runtime::OutputSymlink;
using sagelint::runtime::RunObservation;

TEST_CASE("SMP032 flags every symlink found in an output, at its path in the container") {
  struct Row {
    const char* name;
    std::vector<OutputSymlink> links;
    std::vector<std::string> paths;
  };
  std::vector<Row> rows = {
      {"no symlink", {}, {}},
      {"one link",
       {{"algo-1", "results", "/opt/ml/processing/output/result.csv", "-> /tmp/result.csv"}},
       {"/opt/ml/processing/output/result.csv"}},
      {"links on two hosts and in a subdirectory",
       {{"algo-1", "results", "/opt/ml/processing/output/a", "-> /tmp/a"},
        {"algo-2", "models", "/opt/ml/processing/model/sub/b", "-> ../b"}},
       {"/opt/ml/processing/output/a", "/opt/ml/processing/model/sub/b"}},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    RunObservation run;
    run.image = "img.tar";
    run.output_symlinks = row.links;
    auto findings = judge_run(rule_SMP032(), run);
    REQUIRE(findings.size() == row.paths.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
      CHECK(findings[i].path == row.paths[i]);
      const auto& link = row.links[i];
      CHECK(findings[i].message.rfind(link.host + ": symlink " + link.path + " " + link.detail,
                                      0) == 0);
      CHECK(findings[i].message.find("in output " + link.output_name) != std::string::npos);
    }
  }
}

#include <string>
#include <vector>

#include "rules/run_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP031();
}

using namespace sagelint::rules::testing;
using sagelint::rules::rule_SMP031;
using sagelint::runtime::RunObservation;

TEST_CASE("SMP031 flags an exit message over 1024 bytes or not UTF-8") {
  struct Row {
    const char* name;
    std::uint64_t size;
    bool valid_utf8;
    const char* expected;  // a piece of the one message, or nullptr: not flagged
  };
  std::vector<Row> rows = {
      {"no message", 0, true, nullptr},
      {"a short message", 12, true, nullptr},
      {"exactly 1024 bytes", 1024, true, nullptr},
      {"1025 bytes", 1025, true, "is 1025 bytes: only the first 1024"},
      {"5 KB", 5000, true, "is 5000 bytes"},
      {"Latin-1", 10, false, "not valid UTF-8"},
      {"long and not UTF-8: the ClientError is what matters", 4000, false, "not valid UTF-8"},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    RunObservation run;
    run.image = "img.tar";
    run.hosts = {exited_host("algo-1")};
    run.exit_message.total_size = row.size;
    run.exit_message.valid_utf8 = row.valid_utf8;
    auto findings = judge_run(rule_SMP031(), run);
    if (!row.expected) {
      CHECK(findings.empty());
      continue;
    }
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message.find(row.expected) != std::string::npos);
    CHECK(findings[0].path == "/opt/ml/output/message");
    CHECK(!findings[0].layer);
  }
}

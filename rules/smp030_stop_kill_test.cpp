#include <string>
#include <vector>

#include "rules/run_rule_test_support.hpp"

namespace sagelint::rules {
const Rule& rule_SMP030();
}

using namespace sagelint::rules::testing;
using sagelint::rules::rule_SMP030;
using sagelint::runtime::HostObservation;
using sagelint::runtime::RunObservation;

namespace {

HostObservation stopped(const char* host, const char* signal, bool needed_kill,
                        std::optional<double> seconds) {
  HostObservation h;
  h.host = host;
  h.stopped_by = "StopAfter";
  h.stop_signal = signal;
  h.needed_kill = needed_kill;
  h.seconds_to_exit_after_stop = seconds;
  h.exit_code = needed_kill ? 137 : 143;
  h.signal = needed_kill ? "SIGKILL" : "SIGTERM";
  return h;
}

}  // namespace

TEST_CASE("SMP030 flags each host that had to be killed after the stop signal") {
  struct Row {
    const char* name;
    std::vector<HostObservation> hosts;
    std::vector<std::string> flagged_hosts;  // in message order
  };
  std::vector<Row> rows = {
      {"no host stopped", {exited_host("algo-1")}, {}},
      {"a failing host", {exited_host("algo-1", 3)}, {}},
      {"exited within the grace period", {stopped("algo-1", "SIGTERM", false, 0.4)}, {}},
      {"needed the kill", {stopped("algo-1", "SIGTERM", true, 2.0)}, {"algo-1"}},
      {"SIGINT ignored too", {stopped("algo-1", "SIGINT", true, 2.0)}, {"algo-1"}},
      {"only the second of two hosts",
       {stopped("algo-1", "SIGTERM", false, 0.1), stopped("algo-2", "SIGTERM", true, 2.0)},
       {"algo-2"}},
      {"both of two hosts",
       {stopped("algo-1", "SIGTERM", true, 2.0), stopped("algo-2", "SIGTERM", true, 2.0)},
       {"algo-1", "algo-2"}},
  };
  for (const auto& row : rows) {
    std::string name = row.name;
    CAPTURE(name);
    RunObservation run;
    run.image = "img.tar";
    run.stop_grace_seconds = 1.5;
    run.hosts = row.hosts;
    auto findings = judge_run(rule_SMP030(), run);
    REQUIRE(findings.size() == row.flagged_hosts.size());
    for (std::size_t i = 0; i < findings.size(); ++i) {
      CHECK(findings[i].message.rfind(row.flagged_hosts[i] + ": ", 0) == 0);
      CHECK(findings[i].message.find("within 1.5 s of") != std::string::npos);
      CHECK(!findings[i].path);
      CHECK(!findings[i].range);
    }
  }
}

TEST_CASE("SMP030 names the signal that was sent") {
  RunObservation run;
  run.image = "img.tar";
  run.stop_grace_seconds = 120;
  run.hosts = {stopped("algo-1", "SIGINT", true, 120.0)};
  auto findings = judge_run(rule_SMP030(), run);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("120.0 s of SIGINT") != std::string::npos);
}

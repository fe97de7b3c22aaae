#pragma once
// Helpers for the tests of the rules of `run`: judge a hand-built observation with one
// rule, the way `run` does after a job.
#include <doctest/doctest.h>

#include <vector>

#include "rules/rule.hpp"
#include "runtime/observation.hpp"

namespace sagelint::rules::testing {

inline std::vector<Finding> judge_run(const Rule& rule, const runtime::RunObservation& run) {
  std::vector<Finding> out;
  Reporter reporter(rule.info(), run.image, TargetKind::image,
                    [&out](Finding f) { out.push_back(std::move(f)); });
  rule.check(RunContext{run, nullptr}, reporter);
  for (const auto& f : out) {
    CHECK(f.rule == rule.info().id);
    CHECK(f.target == run.image);
    CHECK(!f.message.empty());
  }
  return out;
}

// An observation of one finished host, as a clean job leaves it.
inline runtime::HostObservation exited_host(const char* host, int code = 0) {
  runtime::HostObservation h;
  h.host = host;
  h.exit_code = code;
  return h;
}

}  // namespace sagelint::rules::testing

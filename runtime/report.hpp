#pragma once
// The run report: DescribeProcessingJob's field names, plus what a local run adds
// (ResolvedCommand, Hosts, and the Findings it is given, in lint's JSON finding shape).
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runtime/command.hpp"
#include "runtime/job.hpp"
#include "runtime/job_spec.hpp"

namespace sagelint::runtime {

struct ReportInput {
  const JobSpec& job;
  std::string runtime;                       // "runc" / "docker"
  const ResolvedCommand* command = nullptr;  // null when the job never got that far
  const JobResult* result = nullptr;         // null when the job never ran
  // Findings, each in lint's JSON finding shape (the caller renders them): the
  // request's (SMJ...), then the run's.
  nlohmann::ordered_json findings = nlohmann::ordered_json::array();
  std::string status_override;  // e.g. "Failed" when validation stopped it
  std::string failure_reason_override;
};

nlohmann::ordered_json job_report(const ReportInput& in);

// ISO 8601 UTC with milliseconds, as the AWS CLI prints timestamps.
std::string iso_time(std::chrono::system_clock::time_point t);

}  // namespace sagelint::runtime

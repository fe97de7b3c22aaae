#pragma once
// From a validated CreateProcessingJob request (plus the host directories given on the
// command line) to the job the runtime runs: SageMaker's defaults filled in, as the
// container sees them in processingjobconfig.json.
#include <map>
#include <string>

#include "request/model.hpp"
#include "runtime/job_spec.hpp"

namespace sagelint::runtime {

// `input_dirs`: LocalPath -> host directory; `output_dirs`: LocalPath -> host directory.
JobSpec job_from_request(const request::Request& request,
                         const std::map<std::string, std::string>& input_dirs,
                         const std::map<std::string, std::string>& output_dirs);

// The container's environment: the image's Env, then the job's Environment on top (a
// job value replaces the image's in place), and Docker's default PATH if neither has one.
std::vector<std::string> merge_environment(const std::vector<std::string>& image_env,
                                           const std::map<std::string, std::string>& job_env);

}  // namespace sagelint::runtime

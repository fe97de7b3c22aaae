// SMJ001: the request breaks the CreateProcessingJob model.
#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMJ001",
    .severity = Severity::error,
    .title = "Request breaks the CreateProcessingJob model",
    .inputs = "request",
    .rationale =
        "SageMaker rejects a CreateProcessingJob request that misses a required member, has a "
        "member of the wrong type or an unknown member, breaks a length, count, range, pattern "
        "or enum, sets two mutually exclusive members (S3Input and DatasetDefinition, S3Output "
        "and FeatureStoreOutput, Athena and Redshift) or neither, or names an instance type "
        "Processing does not offer. botocore checks only required members, types and minimums "
        "before sending, so most of these surface as a ValidationException after the job was "
        "submitted, often from a pipeline far from the code that built the request.",
    .bad =
        "{\"ProcessingJobName\": \"my_job\",\n"
        " \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 0,\n"
        "   \"InstanceType\": \"local\", \"VolumeSizeInGB\": 30}}, ...}",
    .good =
        "{\"ProcessingJobName\": \"my-job\",\n"
        " \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 1,\n"
        "   \"InstanceType\": \"ml.m5.xlarge\", \"VolumeSizeInGB\": 30}}, ...}",
    .fix =
        "Change the member the finding points at to a value the message allows; remove unknown "
        "members (member names are case-sensitive).",
    .example_syntax = "",
};

// S3InputMode and InputMode FastFile also break the enum; SMJ004 says why it is rejected.
bool reported_by_input_mode_rule(const request::Problem& p) {
  return p.value == "FastFile" && (p.member == "S3InputMode" || p.member == "InputMode");
}

void check_request(const RequestContext& ctx, const Reporter& report) {
  for (auto& problem : request::model_problems(ctx.request)) {
    if (reported_by_input_mode_rule(problem)) continue;
    report.at_pointer(std::move(problem.pointer), std::move(problem.message));
  }
}

}  // namespace

SAGELINT_RULE(SMJ001, kInfo, .request = check_request);

}  // namespace sagelint::rules

// SMJ001: the request breaks the CreateProcessingJob model.
#include "rules/request_violations.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMJ001",
    Severity::error,
    "Request breaks the CreateProcessingJob model",
    "request",
    "SageMaker rejects a CreateProcessingJob request that misses a required member, has a "
    "member of the wrong type or an unknown member, breaks a length, count, range, pattern "
    "or enum, sets two mutually exclusive members (S3Input and DatasetDefinition, S3Output "
    "and FeatureStoreOutput, Athena and Redshift) or neither, or names an instance type "
    "Processing does not offer. botocore checks only required members, types and minimums "
    "before sending, so most of these surface as a ValidationException after the job was "
    "submitted, often from a pipeline far from the code that built the request.",
    "{\"ProcessingJobName\": \"my_job\",\n"
    " \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 0,\n"
    "   \"InstanceType\": \"local\", \"VolumeSizeInGB\": 30}}, ...}",
    "{\"ProcessingJobName\": \"my-job\",\n"
    " \"ProcessingResources\": {\"ClusterConfig\": {\"InstanceCount\": 1,\n"
    "   \"InstanceType\": \"ml.m5.xlarge\", \"VolumeSizeInGB\": 30}}, ...}",
    "Change the member the finding points at to a value the message allows; remove unknown "
    "members (member names are case-sensitive).",
};

class Smj001 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }
  void check(const RequestContext& ctx, const Reporter& report) const override {
    report_request_violations(ctx, report, kInfo.id);
  }
};

}  // namespace

const Rule& rule_SMJ001() {
  static const Smj001 rule;
  return rule;
}

}  // namespace sagelint::rules

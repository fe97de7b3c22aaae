// SMJ003: two LocalPaths equal, or one inside another.
#include "rules/request_violations.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMJ003",
    Severity::error,
    "LocalPaths equal or nested",
    "request",
    "SageMaker downloads or mounts every input at its own LocalPath and uploads every output "
    "from its own LocalPath. Two inputs with the same LocalPath are rejected with an empty "
    "ValidationException that names nothing (sagemaker-python-sdk#4939). Nested paths, or an "
    "output inside an input, make one directory hide or mix with another, so the job reads "
    "or uploads the wrong files. Inputs and outputs are compared together, after "
    "normalising trailing slashes, `.` and `..`.",
    "\"ProcessingInputs\": [\n"
    "  {\"InputName\": \"data\", \"S3Input\": {\"LocalPath\": \"/opt/ml/processing/input\", "
    "...}},\n"
    "  {\"InputName\": \"code\", \"S3Input\": {\"LocalPath\": \"/opt/ml/processing/input/code\", "
    "...}}]",
    "\"ProcessingInputs\": [\n"
    "  {\"InputName\": \"data\", \"S3Input\": {\"LocalPath\": \"/opt/ml/processing/input/data\", "
    "...}},\n"
    "  {\"InputName\": \"code\", \"S3Input\": {\"LocalPath\": \"/opt/ml/processing/input/code\", "
    "...}}]",
    "Give every input and output a separate sibling directory under /opt/ml/processing/.",
};

class Smj003 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }
  void check(const RequestContext& ctx, const Reporter& report) const override {
    report_request_violations(ctx, report, kInfo.id);
  }
};

}  // namespace

const Rule& rule_SMJ003() {
  static const Smj003 rule;
  return rule;
}

}  // namespace sagelint::rules

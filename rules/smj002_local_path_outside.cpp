// SMJ002: a LocalPath not under /opt/ml/processing/.
#include "rules/request_violations.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMJ002",
    Severity::error,
    "LocalPath not under /opt/ml/processing/",
    "request",
    "For every ProcessingInput and ProcessingOutput, the path in the container must begin "
    "with /opt/ml/processing/; the service rejects other paths (an input at /opt/ml/test/ "
    "fails validation). The rest of /opt/ml is reserved by SageMaker. The processing "
    "directory itself is not a valid place either: every input and output needs a directory "
    "of its own below it. Paths are compared as written, so `..`, `.` and doubled slashes "
    "that lead elsewhere, or that only reach /opt/ml/processing/ after normalisation, are "
    "flagged too.",
    "\"S3Input\": {\"S3Uri\": \"s3://bucket/raw\", \"LocalPath\": \"/opt/ml/input/data\", ...}",
    "\"S3Input\": {\"S3Uri\": \"s3://bucket/raw\", \"LocalPath\": "
    "\"/opt/ml/processing/input/data\", ...}",
    "Put each input and output in its own directory under /opt/ml/processing/, written as a "
    "plain absolute path (for example /opt/ml/processing/input/data, "
    "/opt/ml/processing/output/train), and have the code read the same path.",
};

class Smj002 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }
  void check(const RequestContext& ctx, const Reporter& report) const override {
    report_request_violations(ctx, report, kInfo.id);
  }
};

}  // namespace

const Rule& rule_SMJ002() {
  static const Smj002 rule;
  return rule;
}

}  // namespace sagelint::rules

// SMJ004: an input mode combination the service rejects.
#include "rules/request_violations.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMJ004",
    Severity::error,
    "Invalid input mode combination",
    "request",
    "Two input settings look valid but are rejected by SageMaker Processing. "
    "S3CompressionType Gzip works only with S3InputMode Pipe (the API documentation says so "
    "and the Python SDK enforces it); with File mode, the default, the request fails. "
    "FastFile is listed in SDK docstrings but the Processing service accepts only File and "
    "Pipe as S3InputMode (and as a DatasetDefinition InputMode), so it fails too "
    "(sagemaker-python-sdk#4711).",
    "\"S3Input\": {\"S3Uri\": \"s3://bucket/data.gz\", \"S3CompressionType\": \"Gzip\",\n"
    "            \"S3InputMode\": \"FastFile\", ...}",
    "\"S3Input\": {\"S3Uri\": \"s3://bucket/data.gz\", \"S3CompressionType\": \"Gzip\",\n"
    "            \"S3InputMode\": \"Pipe\", ...}",
    "Use S3InputMode File (or leave it out) for plain data; for Gzip-compressed data use "
    "Pipe mode, or store the data uncompressed and set S3CompressionType None.",
};

class Smj004 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }
  void check(const RequestContext& ctx, const Reporter& report) const override {
    report_request_violations(ctx, report, kInfo.id);
  }
};

}  // namespace

const Rule& rule_SMJ004() {
  static const Smj004 rule;
  return rule;
}

}  // namespace sagelint::rules

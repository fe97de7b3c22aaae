// SMJ002: a LocalPath not under /opt/ml/processing/.
#include "request/local_paths.hpp"
#include "request/text.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMJ002",
    .severity = Severity::error,
    .title = "LocalPath not under /opt/ml/processing/",
    .inputs = "request",
    .rationale =
        "For every ProcessingInput and ProcessingOutput, the path in the container must begin "
        "with /opt/ml/processing/; the service rejects other paths (an input at /opt/ml/test/ "
        "fails validation). The rest of /opt/ml is reserved by SageMaker. The processing "
        "directory itself is not a valid place either: every input and output needs a directory "
        "of its own below it. Paths are compared as written, so `..`, `.` and doubled slashes "
        "that lead elsewhere, or that only reach /opt/ml/processing/ after normalisation, are "
        "flagged too.",
    .bad =
        "\"S3Input\": {\"S3Uri\": \"s3://bucket/raw\", \"LocalPath\": \"/opt/ml/input/data\", ...}",
    .good =
        "\"S3Input\": {\"S3Uri\": \"s3://bucket/raw\", \"LocalPath\": "
        "\"/opt/ml/processing/input/data\", ...}",
    .fix =
        "Put each input and output in its own directory under /opt/ml/processing/, written as a "
        "plain absolute path (for example /opt/ml/processing/input/data, "
        "/opt/ml/processing/output/train), and have the code read the same path.",
    .example_syntax = "",
};

// The service compares the text with the prefix "/opt/ml/processing/", so a path is
// fine only when it is written under the prefix and still lies under it after "."
// and ".." are applied.
void judge(const request::LocalPathUse& use, const Reporter& report) {
  using request::in_quotes;
  using request::kProcessingRoot;
  const std::string prefix = std::string(kProcessingRoot) + "/";
  const std::string shown = in_quotes(use.written);
  if (!use.normal) {
    report.at_pointer(use.pointer,
                      "LocalPath must be an absolute path under " + prefix + ", got " + shown);
    return;
  }
  const std::string& normal = *use.normal;
  if (normal == kProcessingRoot) {
    report.at_pointer(use.pointer, "LocalPath " + shown +
                                       " is the processing directory itself; use a directory "
                                       "under " +
                                       prefix + ", such as " + prefix + "input/data");
    return;
  }
  if (!request::is_same_or_inside(normal, kProcessingRoot)) {
    std::string message = "LocalPath must be under " + prefix + ", got " + shown;
    if (normal != use.written) message += " (which is " + in_quotes(normal) + ")";
    report.at_pointer(use.pointer, std::move(message));
    return;
  }
  if (use.written.compare(0, prefix.size(), prefix) != 0) {
    report.at_pointer(use.pointer, "LocalPath must begin with " + prefix +
                                       " as written (the service compares the text), got " + shown +
                                       "; write " + in_quotes(normal));
  }
}

void check_request(const RequestContext& ctx, const Reporter& report) {
  for (const auto& use : request::local_paths(ctx.request)) judge(use, report);
}

}  // namespace

SAGELINT_RULE(SMJ002, kInfo, .request = check_request);

}  // namespace sagelint::rules

// SMJ003: two LocalPaths equal, or one inside another.
#include "request/local_paths.hpp"
#include "request/text.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMJ003",
    .severity = Severity::error,
    .title = "LocalPaths equal or nested",
    .inputs = "request",
    .rationale =
        "SageMaker downloads or mounts every input at its own LocalPath and uploads every output "
        "from its own LocalPath. Two inputs with the same LocalPath are rejected with an empty "
        "ValidationException that names nothing (sagemaker-python-sdk#4939). Nested paths, or an "
        "output inside an input, make one directory hide or mix with another, so the job reads "
        "or uploads the wrong files. Inputs and outputs are compared together, after "
        "normalising trailing slashes, `.` and `..`.",
    .bad =
        "\"ProcessingInputs\": [\n"
        "  {\"InputName\": \"data\", \"S3Input\": {\"LocalPath\": \"/opt/ml/processing/input\", "
        "...}},\n"
        "  {\"InputName\": \"code\", \"S3Input\": {\"LocalPath\": "
        "\"/opt/ml/processing/input/code\", "
        "...}}]",
    .good =
        "\"ProcessingInputs\": [\n"
        "  {\"InputName\": \"data\", \"S3Input\": {\"LocalPath\": "
        "\"/opt/ml/processing/input/data\", "
        "...}},\n"
        "  {\"InputName\": \"code\", \"S3Input\": {\"LocalPath\": "
        "\"/opt/ml/processing/input/code\", "
        "...}}]",
    .fix = "Give every input and output a separate sibling directory under /opt/ml/processing/.",
    .example_syntax = "",
};

// Each LocalPath is mounted or copied on its own, so two uses of one directory, or
// one inside another, collide. Reported once, at the later path.
void check_request(const RequestContext& ctx, const Reporter& report) {
  using request::in_quotes;
  using request::is_same_or_inside;
  const auto uses = request::local_paths(ctx.request);
  for (std::size_t j = 1; j < uses.size(); ++j) {
    if (!uses[j].normal) continue;
    for (std::size_t i = 0; i < j; ++i) {
      if (!uses[i].normal) continue;
      const std::string& a = *uses[j].normal;
      const std::string& b = *uses[i].normal;
      std::string other = in_quotes(uses[i].written) + " at " + uses[i].pointer;
      if (a == b) {
        report.at_pointer(uses[j].pointer,
                          "LocalPath " + in_quotes(uses[j].written) + " is the same directory as " +
                              other +
                              "; every input and output needs its own directory (the service "
                              "rejects duplicate input paths with an empty ValidationException)");
        break;
      }
      if (is_same_or_inside(a, b) || is_same_or_inside(b, a)) {
        std::string relation = is_same_or_inside(a, b) ? " is inside " : " contains ";
        report.at_pointer(uses[j].pointer,
                          "LocalPath " + in_quotes(uses[j].written) + relation + other +
                              "; inputs and outputs must not be nested, use sibling directories");
        break;
      }
    }
  }
}

}  // namespace

SAGELINT_RULE(SMJ003, kInfo, .request = check_request);

}  // namespace sagelint::rules

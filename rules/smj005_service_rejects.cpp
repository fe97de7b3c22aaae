// SMJ005: a request the service rejects although the CreateProcessingJob model allows it.
// Each case below is one that a public report shows the service refusing (sources in
// the rule's details); cases the model itself forbids are SMJ001's, and duplicate
// LocalPaths are SMJ003's.
#include <map>

#include "request/model.hpp"
#include "request/text.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMJ005",
    .severity = Severity::error,
    .title = "Request the service rejects although the model allows it",
    .inputs = "request",
    .rationale =
        "The CreateProcessingJob model accepts some requests that the SageMaker service then "
        "refuses, often only after a pipeline has run for a while, and SageMaker local mode "
        "runs them without complaint. An empty string in ContainerEntrypoint or "
        "ContainerArguments is allowed by the model (each item may be 0-256 characters) but "
        "refused by the service: \"ContainerArguments and ContainerEntrypoint may not contain "
        "null or empty strings\". InputName and OutputName have no constraints in the model, "
        "yet the service requires every input and output name to be distinct across inputs "
        "and outputs together: \"Input and Output names must be globally unique\".",
    .bad =
        "\"AppSpecification\": {\"ImageUri\": \"...\",\n"
        "  \"ContainerArguments\": [\"--model-name\", \"\"]},\n"
        "\"ProcessingInputs\": [{\"InputName\": \"code\", ...}],\n"
        "\"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"code\", ...}]}",
    .good =
        "\"AppSpecification\": {\"ImageUri\": \"...\",\n"
        "  \"ContainerArguments\": [\"--model-name\", \"none\"]},\n"
        "\"ProcessingInputs\": [{\"InputName\": \"code\", ...}],\n"
        "\"ProcessingOutputConfig\": {\"Outputs\": [{\"OutputName\": \"results\", ...}]}",
    .fix =
        "Leave an argument out instead of passing \"\" (or pass a value the program "
        "understands as empty, such as `none`), and give every input and output its own "
        "name.",
    .details =
        "## What is judged\n\n"
        "- Every empty string in `ContainerEntrypoint` and `ContainerArguments`, at its index "
        "(`/AppSpecification/ContainerArguments/3`). The service's answer: \"Found null or empty "
        "string in ContainerArguments at index 25. ContainerArguments and ContainerEntrypoint "
        "may not contain null or empty strings.\" "
        "([aws/sagemaker-python-sdk#3758](https://github.com/aws/sagemaker-python-sdk/issues/"
        "3758)). "
        "A `null` item is not a string at all: SMJ001 reports it.\n"
        "- An `InputName` or `OutputName` used a second time among all inputs and outputs, at "
        "the later use. The service's answer: \"Input and Output names must be globally "
        "unique: [code]\" "
        "([aws/sagemaker-python-sdk#3484](https://github.com/aws/sagemaker-python-sdk/issues/"
        "3484)).\n\n"
        "Two inputs with the same `LocalPath` are refused too, with an empty "
        "ValidationException "
        "([aws/sagemaker-python-sdk#4939](https://github.com/aws/sagemaker-python-sdk/issues/"
        "4939)); "
        "SMJ003 reports that, together with nested paths.\n",
    .example_syntax = "",
};

void check_no_empty_strings(const std::optional<std::vector<std::string>>& list,
                            const std::string& app_pointer, std::string_view member,
                            const Reporter& report) {
  if (!list) return;
  const std::string base = request::member_pointer(app_pointer, member);
  for (std::size_t i = 0; i < list->size(); ++i) {
    if (!(*list)[i].empty()) continue;
    report.at_pointer(request::member_pointer(base, i),
                      std::string(member) + " item " + std::to_string(i) +
                          " is an empty string, which SageMaker rejects (\"ContainerArguments and "
                          "ContainerEntrypoint may not contain null or empty strings\"), although "
                          "local mode runs it; leave the item out or pass a non-empty value");
  }
}

// Inputs and outputs share one namespace of names; the later use is reported.
void check_unique_names(const request::Request& request, const Reporter& report) {
  std::map<std::string, std::string> first_use;  // name -> pointer of its first use
  auto judge = [&](const std::string& name, const std::string& pointer) {
    if (name.empty()) return;  // missing (SMJ001 says so), not a second use
    auto [it, inserted] = first_use.emplace(name, pointer);
    if (inserted) return;
    report.at_pointer(pointer, "name " + request::in_quotes(name) + " is already used at " +
                                   it->second +
                                   "; SageMaker rejects the request (\"Input and Output names "
                                   "must be globally unique\"): give each input and output its "
                                   "own name");
  };
  for (const auto& in : request.processing_inputs) {
    judge(in.input_name, request::member_pointer(in.pointer, "InputName"));
  }
  if (request.processing_output_config) {
    for (const auto& out : request.processing_output_config->outputs) {
      judge(out.output_name, request::member_pointer(out.pointer, "OutputName"));
    }
  }
}

void check_request(const RequestContext& ctx, const Reporter& report) {
  const auto& app = ctx.request.app_specification;
  check_no_empty_strings(app.container_entrypoint, app.pointer, "ContainerEntrypoint", report);
  check_no_empty_strings(app.container_arguments, app.pointer, "ContainerArguments", report);
  check_unique_names(ctx.request, report);
}

}  // namespace

SAGELINT_RULE(SMJ005, kInfo, .request = check_request);

}  // namespace sagelint::rules

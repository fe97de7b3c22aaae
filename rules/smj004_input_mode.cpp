// SMJ004: an input mode combination the service rejects although it looks valid.
// Research §1.4: Gzip compression works only with Pipe mode (model doc string, and the
// SDK enforces it); FastFile is rejected by Processing (sagemaker-python-sdk#4711) even
// though SDK docstrings list it.
#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMJ004",
    .severity = Severity::error,
    .title = "Invalid input mode combination",
    .inputs = "request",
    .rationale =
        "Two input settings look valid but are rejected by SageMaker Processing. "
        "S3CompressionType Gzip works only with S3InputMode Pipe (the API documentation says so "
        "and the Python SDK enforces it); with File mode, the default, the request fails. "
        "FastFile is listed in SDK docstrings but the Processing service accepts only File and "
        "Pipe as S3InputMode (and as a DatasetDefinition InputMode), so it fails too "
        "(sagemaker-python-sdk#4711).",
    .bad =
        "\"S3Input\": {\"S3Uri\": \"s3://bucket/data.gz\", \"S3CompressionType\": \"Gzip\",\n"
        "            \"S3InputMode\": \"FastFile\", ...}",
    .good =
        "\"S3Input\": {\"S3Uri\": \"s3://bucket/data.gz\", \"S3CompressionType\": \"Gzip\",\n"
        "            \"S3InputMode\": \"Pipe\", ...}",
    .fix =
        "Use S3InputMode File (or leave it out) for plain data; for Gzip-compressed data use "
        "Pipe mode, or store the data uncompressed and set S3CompressionType None.",
    .example_syntax = "",
};

void check_fast_file(const std::optional<std::string>& mode, const std::string& base,
                     std::string_view name, const Reporter& report) {
  if (mode && *mode == "FastFile") {
    report.at_pointer(request::member_pointer(base, name),
                      std::string(name) +
                          " FastFile is rejected by SageMaker Processing (only File and Pipe are "
                          "accepted, although SDK docstrings list FastFile); use File");
  }
}

void check_request(const RequestContext& ctx, const Reporter& report) {
  for (const auto& in : ctx.request.processing_inputs) {
    if (in.s3_input) {
      const request::S3Input& s = *in.s3_input;
      check_fast_file(s.s3_input_mode, s.pointer, "S3InputMode", report);
      if (s.s3_compression_type && *s.s3_compression_type == "Gzip" &&
          s.s3_input_mode.value_or("File") != "Pipe") {
        std::string mode =
            s.s3_input_mode ? "\"" + *s.s3_input_mode + "\"" : std::string("File (the default)");
        report.at_pointer(request::member_pointer(s.pointer, "S3CompressionType"),
                          "S3CompressionType Gzip works only with S3InputMode Pipe, got " + mode +
                              "; set S3InputMode to Pipe or upload uncompressed data with "
                              "S3CompressionType None");
      }
    }
    if (in.dataset_definition) {
      check_fast_file(in.dataset_definition->input_mode, in.dataset_definition->pointer,
                      "InputMode", report);
    }
  }
}

}  // namespace

SAGELINT_RULE(SMJ004, kInfo, .request = check_request);

}  // namespace sagelint::rules

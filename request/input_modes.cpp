// SMJ004: input mode combinations the service rejects although they look valid.
// Research §1.4: Gzip compression works only with Pipe mode (model doc string, and
// the SDK enforces it); FastFile is rejected by Processing (sagemaker-python-sdk#4711)
// even though SDK docstrings list it.
#include "request/checks.hpp"

namespace sagelint::request {
namespace {

void report(std::vector<Violation>& out, std::string pointer, std::string message) {
  out.push_back(Violation{"SMJ004", std::move(pointer), std::move(message)});
}

void check_fast_file(const std::optional<std::string>& mode, const std::string& base,
                     std::string_view name, std::vector<Violation>& out) {
  if (mode && *mode == "FastFile") {
    report(out, member_pointer(base, name),
           std::string(name) +
               " FastFile is rejected by SageMaker Processing (only File and "
               "Pipe are accepted, although SDK docstrings list FastFile); use File");
  }
}

}  // namespace

void check_input_modes(const Request& req, std::vector<Violation>& out) {
  for (const auto& in : req.processing_inputs) {
    if (in.s3_input) {
      const S3Input& s = *in.s3_input;
      check_fast_file(s.s3_input_mode, s.pointer, "S3InputMode", out);
      if (s.s3_compression_type && *s.s3_compression_type == "Gzip" &&
          s.s3_input_mode.value_or("File") != "Pipe") {
        std::string mode =
            s.s3_input_mode ? "\"" + *s.s3_input_mode + "\"" : std::string("File (the default)");
        report(out, member_pointer(s.pointer, "S3CompressionType"),
               "S3CompressionType Gzip works only with S3InputMode Pipe, got " + mode +
                   "; set S3InputMode to Pipe or upload uncompressed data with "
                   "S3CompressionType None");
      }
    }
    if (in.dataset_definition) {
      check_fast_file(in.dataset_definition->input_mode, in.dataset_definition->pointer,
                      "InputMode", out);
    }
  }
}

}  // namespace sagelint::request

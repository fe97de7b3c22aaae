#include "request/model.hpp"

namespace sagelint::request {

std::string member_pointer(std::string_view base, std::string_view token) {
  std::string out(base);
  out.reserve(base.size() + token.size() + 1);
  out += '/';
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::string member_pointer(std::string_view base, std::size_t index) {
  return std::string(base) + "/" + std::to_string(index);
}

namespace {
const std::optional<std::string> no_path;
}

const std::optional<std::string>& ProcessingInput::local_path() const {
  if (s3_input) return s3_input->local_path;
  if (dataset_definition) return dataset_definition->local_path;
  return no_path;
}

std::string ProcessingInput::local_path_pointer() const {
  if (s3_input) return member_pointer(s3_input->pointer, "LocalPath");
  if (dataset_definition) return member_pointer(dataset_definition->pointer, "LocalPath");
  return "";
}

const std::optional<std::string>& ProcessingOutput::local_path() const {
  if (s3_output) return s3_output->local_path;
  return no_path;
}

std::string ProcessingOutput::local_path_pointer() const {
  if (s3_output) return member_pointer(s3_output->pointer, "LocalPath");
  return "";
}

}  // namespace sagelint::request

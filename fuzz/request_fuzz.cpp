// libFuzzer target for the request reader: parse_request, model_problems, local_paths and content
// sniffing must never crash, hang or trip a sanitizer on any input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "request/local_paths.hpp"
#include "request/model.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sagelint::request;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)looks_like_request(text);
  const ParseResult result = parse_request(text);
  if (result.request) {
    // The model alone, as `run` re-validates it after applying its flags.
    Request copy = *result.request;
    copy.read = {};
    (void)model_problems(*result.request);
    (void)model_problems(copy);
    (void)local_paths(copy);
    for (const auto& in : copy.processing_inputs) (void)in.local_path_pointer();
  }
  return 0;
}

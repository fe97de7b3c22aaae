#pragma once
// Test support: a full, valid request shaped like the ones the SageMaker Python SDK
// sends (research §1.8: ScriptProcessor code input, SDK default modes, outputs;
// fixtures/requests/sdk-processing-job.json), and
// a way to change it member by member.
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "request/model.hpp"

namespace sagelint::request::testing {

inline nlohmann::json sdk_request() {
  static const nlohmann::json request = [] {
    std::ifstream in(std::string(SAGELINT_SOURCE_DIR) +
                     "/fixtures/requests/sdk-processing-job.json");
    if (!in) throw std::runtime_error("fixtures/requests/sdk-processing-job.json is missing");
    return nlohmann::json::parse(in);
  }();
  return request;
}

// A change to a request: set the member at `pointer` to `value`, or remove it
// when `value` is kRemove.
inline const nlohmann::json kRemove(nlohmann::json::value_t::discarded);

struct Patch {
  std::string pointer;
  nlohmann::json value;
};

inline nlohmann::json patched(nlohmann::json doc, const std::vector<Patch>& patches) {
  for (const auto& p : patches) {
    nlohmann::json::json_pointer ptr(p.pointer);
    if (!p.value.is_discarded()) {
      doc[ptr] = p.value;
    } else {
      auto& parent = doc[ptr.parent_pointer()];
      if (parent.is_array()) {
        parent.erase(std::stoul(ptr.back()));
      } else {
        parent.erase(ptr.back());
      }
    }
  }
  return doc;
}

// The pointer of each model problem (model_problems()), to compare with expectations
// in one line.
inline std::vector<std::string> found(const Request& request) {
  std::vector<std::string> out;
  for (const auto& p : model_problems(request)) out.push_back(p.pointer);
  return out;
}
inline std::vector<std::string> found(const ParseResult& result) {
  return result.request ? found(*result.request) : std::vector<std::string>{};
}

// One line for a list, so a failed comparison prints both sides.
inline std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += "[" + item + "] ";
  return out;
}

}  // namespace sagelint::request::testing

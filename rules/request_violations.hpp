#pragma once
// SMJ001..SMJ004 share one validation (request/validate): each rule reports the
// violations that carry its id, at their JSON Pointers.
#include <string_view>

#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {

inline void report_request_violations(const RequestContext& ctx, const Reporter& report,
                                      std::string_view rule_id) {
  for (auto& v : request::validate(ctx.request)) {
    if (v.rule == rule_id) report.at_pointer(std::move(v.pointer), std::move(v.message));
  }
}

}  // namespace sagelint::rules

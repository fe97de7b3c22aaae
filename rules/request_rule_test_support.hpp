#pragma once
// Helpers for the request rule tests: lint request JSON (and optionally an image
// built in memory) with one rule, and list findings as "RULE pointer".
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "image/view.hpp"
#include "request/model.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules::testing {

inline std::vector<Finding> lint_request(const Rule& rule, const std::string& json,
                                         const image::ImageView* image = nullptr) {
  auto parsed = request::parse_request(json);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  RequestContext ctx{*parsed.request, image, nullptr};
  std::vector<Finding> out;
  Reporter reporter(rule.info(), "job.json", TargetKind::request,
                    [&out](Finding f) { out.push_back(std::move(f)); });
  rule.check(ctx, reporter);
  for (const auto& f : out) {
    CHECK(f.rule == rule.info().id);
    CHECK(f.kind == TargetKind::request);
    CHECK(f.pointer.has_value());
    CHECK(!f.message.empty());
  }
  return out;
}

// Every registered rule over the request alone (no image), as `lint` runs them: the
// findings in rule order.
inline std::vector<Finding> lint_request_all(const std::string& json) {
  auto parsed = request::parse_request(json);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error);
  std::vector<Finding> out;
  for (const Rule* rule : all_rules()) {
    Reporter reporter(rule->info(), "job.json", TargetKind::request,
                      [&out](Finding f) { out.push_back(std::move(f)); });
    rule->check(RequestContext{*parsed.request, nullptr, nullptr}, reporter);
  }
  return out;
}

// "RULE pointer" for each finding, to compare with a case table in one line.
inline std::vector<std::string> rules_and_pointers(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule + " " + f.pointer.value_or("(none)"));
  return out;
}

inline std::string pointers(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) out.append("[").append(f.pointer.value_or("(none)")).append("] ");
  return out;
}

using Argv = std::optional<std::vector<std::string>>;

inline image::ImageView image_with(Argv entrypoint, Argv cmd, std::vector<std::string> shell = {}) {
  image::ImageView view;
  view.config.entrypoint = std::move(entrypoint);
  view.config.cmd = std::move(cmd);
  view.config.shell = std::move(shell);
  return view;
}

}  // namespace sagelint::rules::testing

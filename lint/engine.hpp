#pragma once
// Runs the rules over one model and turns what they report into the findings a user
// sees: inline/global ignores, then `ignored`, then severity overrides, then sorting.
// Every kind of target goes through the same finish(), so the three kinds behave
// alike in every report.
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "lint/report.hpp"
#include "rules/rule.hpp"

namespace sagelint::parser {
struct ParseError;
}
namespace sagelint::image {
struct ImageView;
struct ReadOptions;
}  // namespace sagelint::image

namespace sagelint::lint {

// Everything the config file and the command line decide for one target.
struct LintSettings {
  std::set<std::string> selected;  // --select: only these rules run (empty = every rule)
  std::set<std::string> ignored;
  std::map<std::string, Severity> overrides;
  std::map<std::string, rules::RuleOptions> rule_options;
  bool inline_ignores = true;
  Severity failure_threshold = Severity::warning;
};

struct DockerfileInput {
  std::string target;  // as given on the command line ("-" for stdin)
  std::string text;
  std::map<std::string, std::string> build_args;
  std::string target_stage;  // "" = the last stage
  std::string context_dir;   // "" = none
};

// "line N: reason", the one-line text of a Dockerfile parse error.
std::string parse_error_text(const parser::ParseError& e);

TargetResult lint_dockerfile(const DockerfileInput& input, const LintSettings& settings);

// `image` is already read (see read_image_target).
TargetResult lint_image(const std::string& target, const image::ImageView& image,
                        const LintSettings& settings);

// `image`: the --image-for-request image, or nullptr; `image_files` reads it with its
// files listed, for the rules that need them (RequestContext::image_files).
TargetResult lint_request(const std::string& target, const std::string& text,
                          const image::ImageView* image, const LintSettings& settings,
                          std::function<const image::ImageView*()> image_files = {});

// The read options for an image target: which file contents the image rules need.
image::ReadOptions image_read_options(const std::string& image_name, const std::string& platform,
                                      bool verify);

// True when some finding of `result` is at or above its failure threshold.
bool fails_threshold(const TargetResult& result);

}  // namespace sagelint::lint

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
#include <vector>

#include "lint/report.hpp"
#include "rules/rule.hpp"

namespace sagelint::parser {
struct ParseError;
}
namespace sagelint::image {
struct ImageView;
struct ReadOptions;
}  // namespace sagelint::image
namespace sagelint::request {
struct Request;
}
namespace sagelint::runtime {
struct RunObservation;
}

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

struct Config;

// What a config file and the command line decide: the command line's --select and
// --ignore on top of the config's, its threshold before the config's (default warning).
LintSettings settings_from(const Config& config, const std::vector<std::string>& selected,
                           const std::vector<std::string>& ignored,
                           std::optional<Severity> failure_threshold, bool inline_ignores);

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

// A request already read into its model (`run` builds it from a file and flags).
TargetResult lint_request_model(const std::string& target, const request::Request& request,
                                const image::ImageView* image, const LintSettings& settings,
                                std::function<const image::ImageView*()> image_files = {});

// What `sagelint run` observed of a job (the rules with a run check: SMP030..); the
// target is the job's image.
TargetResult lint_run(const runtime::RunObservation& run, const LintSettings& settings);

// The read options for an image target: which file contents the image rules need.
image::ReadOptions image_read_options(const std::string& image_name, const std::string& platform,
                                      bool verify);

// True when some finding of `result` is at or above its failure threshold.
bool fails_threshold(const TargetResult& result);

}  // namespace sagelint::lint

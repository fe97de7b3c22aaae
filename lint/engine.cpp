#include "lint/engine.hpp"

#include <algorithm>
#include <exception>
#include <tuple>
#include <utility>

#include "image/view.hpp"
#include "lint/config.hpp"
#include "lint/ignores.hpp"
#include "parser/parser.hpp"
#include "parser/stages.hpp"
#include "request/model.hpp"
#include "runtime/observation.hpp"

namespace sagelint::lint {
namespace {

// Findings in reading order: place-less ones first, then by line and column (or
// path, or pointer), then by rule.
bool finding_before(const Finding& a, const Finding& b) {
  auto key = [](const Finding& f) {
    const std::string* where = f.path ? &*f.path : f.pointer ? &*f.pointer : &f.target;
    return std::make_tuple(f.range ? f.range->line : 0, f.range ? f.range->column : 0,
                           std::string_view(*where), std::string_view(f.rule),
                           std::string_view(f.message));
  };
  return key(a) < key(b);
}

const rules::RuleOptions* options_for(const LintSettings& settings, std::string_view id) {
  auto it = settings.rule_options.find(std::string(id));
  return it == settings.rule_options.end() ? nullptr : &it->second;
}

// Runs every rule's check of `Context` over `ctx`, collecting into result.findings;
// each rule sees its own options from the config. A rule that throws is an internal
// error: the target is reported as not lintable rather than silently missing that
// rule's findings.
// skip_ignored: ignored rules are not run at all (their findings would be dropped anyway,
// and a rule over an image may read its layers). Dockerfiles run them, because an inline
// ignore comment is judged (SMP900) by whether it silenced a finding.
template <typename Context>
void run_rules(TargetResult& result, const LintSettings& settings, Context& ctx,
               bool skip_ignored = false) {
  for (const rules::Rule* rule : rules::all_rules()) {
    const std::string id(rule->info().id);
    if (!settings.selected.empty() && !settings.selected.count(id)) continue;
    if (skip_ignored && settings.ignored.count(id)) continue;
    rules::Reporter reporter(rule->info(), result.target, result.kind,
                             [&](Finding f) { result.findings.push_back(std::move(f)); });
    ctx.options = options_for(settings, rule->info().id);
    try {
      rule->check(static_cast<const Context&>(ctx), reporter);
    } catch (const std::exception& e) {
      result.error = "internal error in rule " + std::string(rule->info().id) + ": " + e.what();
      return;
    }
  }
}

void finish(TargetResult& result, const LintSettings& settings) {
  auto& fs = result.findings;
  fs.erase(std::remove_if(fs.begin(), fs.end(),
                          [&](const Finding& f) {
                            return settings.ignored.count(f.rule) > 0 ||
                                   (!settings.selected.empty() && !settings.selected.count(f.rule));
                          }),
           fs.end());
  for (auto& f : fs)
    if (auto it = settings.overrides.find(f.rule); it != settings.overrides.end())
      f.severity = it->second;
  std::stable_sort(fs.begin(), fs.end(), finding_before);
  result.failure_threshold = settings.failure_threshold;
}

}  // namespace

std::string parse_error_text(const parser::ParseError& e) {
  if (e.span.begin.line > 0) return "line " + std::to_string(e.span.begin.line) + ": " + e.message;
  return e.message;
}

TargetResult lint_dockerfile(const DockerfileInput& input, const LintSettings& settings) {
  TargetResult result;
  result.target = input.target;
  result.kind = TargetKind::dockerfile;
  result.failure_threshold = settings.failure_threshold;
  result.source = input.text;

  auto parsed = parser::parse(input.text);
  if (parsed.error) {
    result.error = parse_error_text(*parsed.error);
    return result;
  }
  const parser::Dockerfile& file = parsed.file;
  const parser::StageModel stages = parser::build_stages(file, input.build_args);
  if (stages.stages.empty()) {
    // BuildKit parses such text but cannot build it; linting it would report a
    // clean result for what is most likely not a Dockerfile at all.
    result.error = "no FROM instruction: not a Dockerfile BuildKit can build";
    return result;
  }
  int target_stage = static_cast<int>(stages.stages.size()) - 1;
  if (!input.target_stage.empty()) {
    auto found = stages.find(input.target_stage);
    if (!found) {
      result.error = "no build stage named '" + input.target_stage + "'";
      return result;
    }
    target_stage = *found;
  }

  rules::DockerfileContext ctx(file, stages, target_stage, input.context_dir);
  run_rules(result, settings, ctx);
  if (result.error) return result;
  if (settings.inline_ignores) {
    // After every other rule: the comments are judged by what they silenced.
    auto comments = find_ignores(file, input.text);
    apply_ignores(result.findings, comments);
    rules::IgnoresContext ignores{comments};
    run_rules(result, settings, ignores);
    if (result.error) return result;
  }
  finish(result, settings);
  return result;
}

TargetResult lint_image(const std::string& target, const image::ImageView& image,
                        const LintSettings& settings) {
  TargetResult result;
  result.target = target;
  result.kind = TargetKind::image;
  rules::ImageContext ctx{image};
  run_rules(result, settings, ctx, /*skip_ignored=*/true);
  finish(result, settings);
  return result;
}

TargetResult lint_request(const std::string& target, const std::string& text,
                          const image::ImageView* image, const LintSettings& settings,
                          std::function<const image::ImageView*()> image_files) {
  TargetResult result;
  result.target = target;
  result.kind = TargetKind::request;
  result.failure_threshold = settings.failure_threshold;
  auto parsed = request::parse_request(text);
  if (!parsed.ok()) {
    result.error = parsed.error;
    return result;
  }
  return lint_request_model(target, *parsed.request, image, settings, std::move(image_files));
}

TargetResult lint_request_model(const std::string& target, const request::Request& request,
                                const image::ImageView* image, const LintSettings& settings,
                                std::function<const image::ImageView*()> image_files) {
  TargetResult result;
  result.target = target;
  result.kind = TargetKind::request;
  result.failure_threshold = settings.failure_threshold;
  rules::RequestContext ctx{request, image, nullptr, std::move(image_files)};
  run_rules(result, settings, ctx, /*skip_ignored=*/true);
  if (result.error) return result;
  finish(result, settings);
  return result;
}

TargetResult lint_run(const runtime::RunObservation& run, const LintSettings& settings) {
  TargetResult result;
  result.target = run.image;
  result.kind = TargetKind::image;
  result.failure_threshold = settings.failure_threshold;
  rules::RunContext ctx{run};
  run_rules(result, settings, ctx, /*skip_ignored=*/true);
  if (result.error) return result;
  finish(result, settings);
  return result;
}

LintSettings settings_from(const Config& config, const std::vector<std::string>& selected,
                           const std::vector<std::string>& ignored,
                           std::optional<Severity> failure_threshold, bool inline_ignores) {
  LintSettings s;
  s.selected.insert(selected.begin(), selected.end());
  s.ignored.insert(config.ignored.begin(), config.ignored.end());
  s.ignored.insert(ignored.begin(), ignored.end());
  s.overrides = config.overrides;
  s.rule_options = config.rule_options;
  s.inline_ignores = inline_ignores;
  s.failure_threshold =
      failure_threshold.value_or(config.failure_threshold.value_or(Severity::warning));
  return s;
}

image::ReadOptions image_read_options(const std::string& image_name, const std::string& platform,
                                      bool verify) {
  image::ReadOptions options;
  if (!image_name.empty()) options.image_name = image_name;
  if (!platform.empty()) options.platform = platform;
  options.verify = verify;
  // Only what the image rules read is kept; every other file is only listed.
  options.want_content = rules::image_rules_want_content;
  options.want_head = rules::image_rules_want_head;
  return options;
}

bool fails_threshold(const TargetResult& result) {
  if (result.failure_threshold == Severity::none) return false;
  return std::any_of(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
    // Severities are declared from most to least severe.
    return static_cast<int>(f.severity) <= static_cast<int>(result.failure_threshold);
  });
}

}  // namespace sagelint::lint

#pragma once
// A rule is its metadata (RuleInfo) and one check per kind of input it judges. A
// rule file `rules/<id>_<name>.cpp` defines both and ends with its registration:
//
//   SAGELINT_RULE(SMP011, kInfo, .dockerfile = check_dockerfile, .image = check_image);
//
// That line is all there is to registering a rule: the build lists the rule files
// (rules/CMakeLists.txt generates the registry's list from their names), and
// docs/rules/ID.md is generated from the metadata (`sagelint rules --markdown`).
//
// Rules see typed models (a parsed Dockerfile with its stages, an image view, a
// request, the engine's ignore comments), never raw text, tar streams or output
// formats. What several rules need to know about shells, packages, paths and NVIDIA
// files is asked of knowledge/, which knows no rule IDs.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "knowledge/shipped_image.hpp"
#include "rules/finding.hpp"

namespace sagelint::parser {
struct Dockerfile;
struct StageModel;
struct Span;
}  // namespace sagelint::parser
namespace sagelint::image {
struct ImageConfig;
struct ImageView;
}  // namespace sagelint::image
namespace sagelint::request {
struct Request;
}
namespace sagelint::runtime {
struct RunObservation;
}

namespace sagelint::rules {

struct RuleInfo {
  std::string_view id;         // "SMP001"
  Severity severity;           // default severity
  std::string_view title;      // one line
  std::string_view inputs;     // "dockerfile, image", "request", "request + image", "run"
  std::string_view rationale;  // why it matters on SageMaker Processing
  std::string_view bad;        // a bad example
  std::string_view good;       // a good example
  std::string_view fix;        // how to fix
  // More Markdown for the rule's page after "Fix" (e.g. "## What is judged\n\n- ..."),
  // or "" when the sections above say it all.
  std::string_view details = {};
  // The language of the bad and good examples on the rule's page ("" = plain text).
  std::string_view example_syntax = "dockerfile";
  // True when the rule looks at an image's files (its layers), not only at the manifest
  // and config: an image linted only by rules without it needs no layer read.
  bool reads_layers = false;
};

// Rule options from the config file: `rules: {SMP010: {allow: [glob, ...]}}`.
using RuleOptions = std::map<std::string, std::vector<std::string>>;

// Collects findings for one rule on one target. The rule gives the message and the
// place; the id, default severity, target and kind are filled in here.
class Reporter {
 public:
  using Sink = std::function<void(Finding)>;
  Reporter(const RuleInfo& info, std::string target, TargetKind kind, Sink sink)
      : info_(info), target_(std::move(target)), kind_(kind), sink_(std::move(sink)) {}

  void at(const SourceRange& range, std::string message) const;
  void at(const parser::Span& span, std::string message) const;
  void at_path(std::string path, int layer, std::string created_by, std::string message) const;
  void at_pointer(std::string pointer, std::string message) const;
  // A file in a running container (no layer): "/opt/ml/output/message".
  void at_container_path(std::string path, std::string message) const;
  void general(std::string message) const;  // no finer place than the target itself

 private:
  Finding make(std::string message) const;
  const RuleInfo& info_;
  std::string target_;
  TargetKind kind_;
  Sink sink_;
};

SourceRange to_range(const parser::Span& span);

// ---- what a rule sees ----------------------------------------------------------

// One Dockerfile. `shipped` answers the questions most rules ask (the shipped
// instructions, the start command, the scripts of a RUN) once for all of them.
struct DockerfileContext {
  DockerfileContext(const parser::Dockerfile& file, const parser::StageModel& stages,
                    int target_stage = -1, std::string context_dir = {},
                    const RuleOptions* options = nullptr)
      : file(file),
        stages(stages),
        context_dir(std::move(context_dir)),
        options(options),
        shipped(file, stages, target_stage) {}

  const parser::Dockerfile& file;
  const parser::StageModel& stages;
  std::string context_dir;  // build context (for scripts the ENTRYPOINT runs); "" = none
  const RuleOptions* options = nullptr;  // this rule's options; set per rule by the engine
  knowledge::ShippedImage shipped;       // shipped.target() is the shipped stage
};

struct ImageContext {
  const image::ImageView& image;
  const RuleOptions* options = nullptr;
};

struct RequestContext {
  const request::Request& request;
  // The image the request runs (--image-for-request, run), or nullptr. For `lint` only
  // its manifest and config are read (no layer: Layer::read is false)...
  const image::ImageView* image = nullptr;
  const RuleOptions* options = nullptr;
  // ... and this reads the same image with its files listed, once, for a rule that
  // needs them (SMJ012); unset or returning nullptr when they cannot be had.
  std::function<const image::ImageView*()> image_files = {};
};

// A `# sagelint ignore=` comment of a Dockerfile, as the engine found and applied it
// (lint/ignores.cpp): what it says, where, what it covers and what it silenced.
struct IgnoreComment {
  bool global = false;
  std::vector<std::string> rules;       // upper-cased IDs as written; empty: not understood
  std::string reason;                   // text after the list, "" if none
  SourceRange where;                    // the comment
  std::vector<SourceRange> rule_where;  // each ID's place, parallel to `rules`
  bool inside_continuation = false;     // between the lines of one instruction
  int first_line = 0;                   // lines of the instruction an inline ignore covers;
  int last_line = 0;                    // 0 when it covers none
  std::vector<bool> used;               // parallel to `rules`: silenced at least one finding
};

// What a local `sagelint run` observed (runtime/observation.hpp).
struct RunContext {
  const runtime::RunObservation& run;
  const RuleOptions* options = nullptr;
};

struct IgnoresContext {
  const std::vector<IgnoreComment>& comments;
  const RuleOptions* options = nullptr;
};

// ---- the rule ------------------------------------------------------------------

class Rule {
 public:
  // One function per kind of input the rule judges; the others stay null.
  struct Checks {
    void (*dockerfile)(const DockerfileContext&, const Reporter&) = nullptr;
    void (*image)(const ImageContext&, const Reporter&) = nullptr;
    void (*request)(const RequestContext&, const Reporter&) = nullptr;
    void (*ignores)(const IgnoresContext&, const Reporter&) = nullptr;
    void (*run)(const RunContext&, const Reporter&) = nullptr;
    // Which image files' bytes the image check reads (the image reader keeps only
    // those; every other file is only listed).
    bool (*image_contents)(const std::string& path, const image::ImageConfig&) = nullptr;
    // Which files' first bytes only (ReadOptions::head_bytes: an ELF header, a #! line)
    // the image check reads.
    bool (*image_head)(const std::string& path, const image::ImageConfig&) = nullptr;
  };

  constexpr Rule(const RuleInfo& info, Checks checks) : info_(info), checks_(checks) {}

  const RuleInfo& info() const { return info_; }
  const Checks& checks() const { return checks_; }

  // Each runs the rule's check for that input, if it has one.
  void check(const DockerfileContext& ctx, const Reporter& r) const {
    if (checks_.dockerfile) checks_.dockerfile(ctx, r);
  }
  void check(const ImageContext& ctx, const Reporter& r) const {
    if (checks_.image) checks_.image(ctx, r);
  }
  void check(const RequestContext& ctx, const Reporter& r) const {
    if (checks_.request) checks_.request(ctx, r);
  }
  void check(const IgnoresContext& ctx, const Reporter& r) const {
    if (checks_.ignores) checks_.ignores(ctx, r);
  }
  void check(const RunContext& ctx, const Reporter& r) const {
    if (checks_.run) checks_.run(ctx, r);
  }

 private:
  const RuleInfo& info_;
  Checks checks_;
};

// Defines `const Rule& rule_ID()`, which the generated registry list calls. The file
// name must start with the lower-case ID (rules/smp011_...cpp for SMP011).
#define SAGELINT_RULE(ID, INFO, ...)                                \
  const ::sagelint::rules::Rule& rule_##ID() {                      \
    static const ::sagelint::rules::Rule rule(INFO, {__VA_ARGS__}); \
    return rule;                                                    \
  }                                                                 \
  static_assert(true, "SAGELINT_RULE(" #ID ", ...) ends with a semicolon")

// ---- the registry --------------------------------------------------------------

// Every rule, in ID order, the dynamic rules of `run` (SMP030..) among them: they judge
// what runtime/ observed (RunContext).
const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view id);

// True when some rule's image check reads the bytes of `path` (Checks::image_contents).
bool image_rules_want_content(const std::string& path, const image::ImageConfig& config);
// True when some rule's image check reads the first bytes of `path` (Checks::image_head).
bool image_rules_want_head(const std::string& path, const image::ImageConfig& config);

// ---- helpers for short rules ---------------------------------------------------

// For a rule that judges each instruction of the shipped image on its own, as
// hadolint's simpleRule does:
//   void judge(const knowledge::ShippedInstruction&, const DockerfileContext&, const Reporter&);
//   SAGELINT_RULE(SMPxxx, kInfo, .dockerfile = each_shipped_instruction<judge>);
template <void (*Judge)(const knowledge::ShippedInstruction&, const DockerfileContext&,
                        const Reporter&)>
void each_shipped_instruction(const DockerfileContext& ctx, const Reporter& report) {
  for (const auto& si : ctx.shipped.instructions()) Judge(si, ctx, report);
}

}  // namespace sagelint::rules

#pragma once
// A rule: its metadata beside its logic. Rules see typed models (a parsed
// Dockerfile with its stages, an image view, a request), never raw text, tar
// streams or output formats. Every rule is listed once in registry.cpp.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.hpp"

namespace sagelint::parser {
struct Dockerfile;
struct StageModel;
struct Span;
}  // namespace sagelint::parser
namespace sagelint::image {
struct ImageView;
}
namespace sagelint::request {
struct Request;
}

namespace sagelint::rules {

struct RuleInfo {
  std::string_view id;         // "SMP001"
  Severity severity;           // default severity
  std::string_view title;      // one line
  std::string_view inputs;     // "dockerfile, image", "request", "run", ...
  std::string_view rationale;  // why it matters on SageMaker Processing
  std::string_view bad;        // a bad example
  std::string_view good;       // a good example
  std::string_view fix;        // how to fix
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
  void at_path(std::string path, int layer, std::string created_by, std::string message) const;
  void at_pointer(std::string pointer, std::string message) const;
  void general(std::string message) const;  // no finer place than the target itself

 private:
  Finding make(std::string message) const;
  const RuleInfo& info_;
  std::string target_;
  TargetKind kind_;
  Sink sink_;
};

struct DockerfileContext {
  const parser::Dockerfile& file;
  const parser::StageModel& stages;
  int target_stage = -1;    // index into stages; the shipped stage
  std::string context_dir;  // build context (for scripts the ENTRYPOINT runs); "" = none
  const RuleOptions* options = nullptr;
};

struct ImageContext {
  const image::ImageView& image;
  const RuleOptions* options = nullptr;
};

struct RequestContext {
  const request::Request& request;
  const image::ImageView* image = nullptr;  // set for SMJ010/SMJ011 (--image-for-request, run)
  const RuleOptions* options = nullptr;
};

class Rule {
 public:
  virtual ~Rule() = default;
  virtual const RuleInfo& info() const = 0;
  virtual void check(const DockerfileContext&, const Reporter&) const {}
  virtual void check(const ImageContext&, const Reporter&) const {}
  virtual void check(const RequestContext&, const Reporter&) const {}
};

// Every rule, in ID order (registry.cpp). Dynamic rules of `run` (SMP030..) are
// listed too: they have metadata and docs, and runtime/ reports them.
const std::vector<const Rule*>& all_rules();
const Rule* find_rule(std::string_view id);

}  // namespace sagelint::rules

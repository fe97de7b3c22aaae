// SMP032: a symlink in an output directory (reported by `run`).
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP032",
    Severity::warning,
    "Symlink in a processing output directory",
    "run",
    "SageMaker uploads each ProcessingOutput's LocalPath to S3 when the job ends (or "
    "continuously), and \"symlinks are not followed when uploading output data\": a result "
    "written as a link to a file elsewhere is silently missing from S3. `sagelint run` "
    "inspects the output directories after the job.",
    "ln -s /tmp/result.csv /opt/ml/processing/output/result.csv",
    "cp /tmp/result.csv /opt/ml/processing/output/result.csv",
    "Write or copy the real files into the output directory instead of linking to them.",
};

class Smp032 final : public Rule {
 public:
  const RuleInfo& info() const override { return kInfo; }
};

}  // namespace

const Rule& rule_SMP032() {
  static const Smp032 rule;
  return rule;
}

}  // namespace sagelint::rules

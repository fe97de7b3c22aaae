// SMP032: a symlink in an output directory (reported by `run`).
#include "rules/rule.hpp"
#include "runtime/observation.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    .id = "SMP032",
    .severity = Severity::warning,
    .title = "Symlink in a processing output directory",
    .inputs = "run",
    .rationale =
        "SageMaker uploads each ProcessingOutput's LocalPath to S3 when the job ends (or "
        "continuously), and \"symlinks are not followed when uploading output data\": a result "
        "written as a link to a file elsewhere is silently missing from S3. `sagelint run` "
        "inspects the output directories after the job.",
    .bad = "ln -s /tmp/result.csv /opt/ml/processing/output/result.csv",
    .good = "cp /tmp/result.csv /opt/ml/processing/output/result.csv",
    .fix = "Write or copy the real files into the output directory instead of linking to them.",
    .example_syntax = "sh",
};

void check_run(const RunContext& ctx, const Reporter& report) {
  for (const auto& link : ctx.run.output_symlinks)
    report.at_container_path(link.path, link.host + ": symlink " + link.path + " " + link.detail +
                                            " in output " + link.output_name +
                                            " is not uploaded (SageMaker does not follow "
                                            "symlinks)");
}

}  // namespace

SAGELINT_RULE(SMP032, kInfo, .run = check_run);

}  // namespace sagelint::rules

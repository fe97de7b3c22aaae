// SMP003: ENTRYPOINT or CMD written like a JSON array but not valid JSON.
#include "knowledge/start_command.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP003",
    .severity = Severity::error,
    .title = "ENTRYPOINT or CMD looks like a JSON array but is not JSON (shell form)",
    .inputs = "dockerfile",
    .rationale =
        "Docker decides between exec form and shell form by parsing the text as a JSON array "
        "of strings. Single quotes, a trailing comma, an unquoted `$VAR` or a bare word make it "
        "invalid JSON, and Docker then silently uses the shell form: the container runs "
        "`/bin/sh -c \"['python3', 'run.py']\"`, which fails or runs with a shell as PID 1, so "
        "stop signals from SageMaker never reach the workload and the job's ContainerArguments "
        "are dropped.",
    .bad =
        "ENTRYPOINT ['python3', '/opt/program/process.py']\n"
        "CMD [\"echo\", $PORT]\n"
        "ENTRYPOINT [\"python3\", \"/opt/p.py\",]",
    .good = "ENTRYPOINT [\"python3\", \"/opt/program/process.py\"]",
    .fix =
        "Write a valid JSON array: double quotes around every element, no trailing comma, no "
        "unquoted variables (exec form does not expand them anyway).",
    .details = R"md(## What is judged

- The ENTRYPOINT and CMD that the shipped image keeps (the same resolution as SMP001/SMP002); an
  earlier, overridden instruction never runs and is not reported.
- The message carries the parser's reason (for example the JSON error at the first single
  quote). The finding points at the text from `[` to the end.
- A JSON array with a non-string element (`CMD ["sleep", 10]`) is a parse error (exit 3), as in
  BuildKit, not this rule.
)md",
};

// Judged on the ENTRYPOINT and CMD that the shipped image keeps; an earlier,
// overridden one never runs.
void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  const auto& start = ctx.shipped.start_command();
  for (const auto* si :
       {start.entrypoint ? &*start.entrypoint : nullptr, start.cmd ? &*start.cmd : nullptr}) {
    if (si == nullptr || !si->node->json_error) continue;
    const auto& node = *si->node;
    parser::Span span = node.json_text_span ? *node.json_text_span
                        : node.args.empty() ? node.span
                                            : node.args.front().span;
    std::string keyword = node.keyword == "cmd" ? "CMD" : "ENTRYPOINT";
    report.at(span, keyword + " looks like a JSON array but is not valid JSON (" +
                        *node.json_error + "), so Docker runs it in shell form with /bin/sh -c");
  }
}

}  // namespace

SAGELINT_RULE(SMP003, kInfo, .dockerfile = check_dockerfile);

}  // namespace sagelint::rules

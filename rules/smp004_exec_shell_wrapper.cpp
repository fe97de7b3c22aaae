// SMP004: exec form whose program is a shell running -c, without handing over.
#include "image/view.hpp"
#include "knowledge/exec_handover.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/start_command.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP004",
    .severity = Severity::warning,
    .title = "Exec-form start command runs a shell with -c that does not exec the workload",
    .inputs = "dockerfile, image",
    .rationale =
        "`[\"/bin/sh\", \"-c\", \"python run.py\"]` is exec form on paper, but PID 1 is still the "
        "shell: it runs the workload as a child and, as PID 1, ignores SIGTERM, so SageMaker's "
        "StopProcessingJob and MaxRuntimeInSeconds end in SIGKILL after the grace period and "
        "the workload never gets to clean up. ContainerArguments land in `$0 $1 ...` of the "
        "shell. A script that ends with `exec ...` hands PID 1 over and is fine.",
    .bad = "ENTRYPOINT [\"/bin/sh\", \"-c\", \"python3 /opt/program/process.py\"]",
    .good =
        "ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec python3 /opt/program/process.py \\\"$@\\\"\", "
        "\"--\"]",
    .fix =
        "Run the program directly (`[\"python3\", \"/opt/program/process.py\"]`), or make the "
        "shell's last command `exec program ...`.",
    .details = R"md(## What is judged

- The start command as the image will hold it: ENTRYPOINT + CMD (so `ENTRYPOINT ["/bin/sh",
  "-c"]` with `CMD ["python run.py"]` is judged too). The program must be a shell (`sh`, `bash`,
  `dash`, `ash`, `zsh`, `ksh`, `busybox sh`) with an option cluster containing `c` (`-c`, `-ec`,
  `-lc`).
- The script is split into simple commands; its last command (a trailing `exit` ignored) must
  start with `exec`.
- **Image**: an Entrypoint (or, without one, a Cmd) that equals `Shell` + one string is the
  shell form, reported as SMP001/SMP002 instead.
)md",
};

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  auto argv = ctx.shipped.start_command().argv();
  // Shell form also yields sh -c, but that is SMP001/SMP002.
  if (argv.empty() || argv.front().token == nullptr) return;
  std::vector<std::string> values;
  for (const auto& a : argv) values.push_back(a.value);
  auto script = shell_script_index(values);
  if (!script) return;
  auto missing = missing_exec(values[*script]);
  if (!missing) return;
  report.at(argv.front().token->span,
            "the start command runs `" + values.front() + " -c` and its last command `" +
                missing->command +
                "` is not started with exec: the shell stays PID 1 and stop signals never "
                "reach the workload");
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  // Shell + one string is what the shell form produces: SMP001/SMP002.
  if (starts_in_shell_form(config)) return;
  auto argv = image_argv(config);
  auto script = shell_script_index(argv);
  if (!script) return;
  auto missing = missing_exec(argv[*script]);
  if (!missing) return;
  report.general("the start command " + quote_argv(argv) + " runs a shell whose last command `" +
                 missing->command + "` is not started with exec: the shell stays PID 1");
}

}  // namespace

SAGELINT_RULE(SMP004, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules

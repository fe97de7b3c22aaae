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
  start with `exec`. When the script ends in a compound command (`for`/`while` loop, `if`,
  `case`, `{ ...; }`, a subshell) or a pipeline, the message names that command as a whole:
  there the shell itself starts the workload as a child.
- **Image**: an Entrypoint (or, without one, a Cmd) that equals `Shell` + one string is the
  shell form, reported as SMP001/SMP002 instead.
)md",
};

// The script text for a message: one line, at most about 80 bytes.
std::string abbreviated(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  if (text.size() > 80) text = text.substr(0, 77) + "...";
  return text;
}

// "its last command `python run.py` is not started with exec", or for a script that ends
// in a compound command or pipeline, what that is and why exec cannot simply go in front.
std::string last_command_phrase(const MissingExec& missing) {
  if (missing.construct.empty()) {
    return "its last command `" + missing.command + "` is not started with exec";
  }
  const std::string& what = missing.construct;
  std::string why;
  if (what == "pipeline") {
    why = "every part of a pipeline runs as a child of the shell";
  } else if (what == "subshell") {
    why = "a subshell is a forked child of the shell";
  } else if (what.find("loop") != std::string::npos) {
    why = "the shell runs the loop and starts `" + missing.command + "` as its child";
  } else {
    why = "the shell runs it and starts `" + missing.command +
          "` as its child (put exec before "
          "the last command of every branch)";
  }
  std::string article = std::string("aeiou").find(what.front()) != std::string::npos ? "an " : "a ";
  return "its last command is " + article + what + ", `" + abbreviated(missing.construct_text) +
         "`: " + why;
}

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
            "the start command runs `" + values.front() + " -c` and " +
                last_command_phrase(*missing) +
                ": the shell stays PID 1 and stop signals never reach the workload");
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
  report.general("the start command " + quote_argv(argv) + " runs a shell and " +
                 last_command_phrase(*missing) + ": the shell stays PID 1");
}

}  // namespace

SAGELINT_RULE(SMP004, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules

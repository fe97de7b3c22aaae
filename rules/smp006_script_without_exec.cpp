// SMP006: the entrypoint is a shell script that starts its workload without exec.
#include "image/view.hpp"
#include "knowledge/copied_file.hpp"
#include "knowledge/exec_handover.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/shell_command.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_command.hpp"
#include "knowledge/start_script.hpp"
#include "knowledge/written_files.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP006",
    .severity = Severity::warning,
    .title = "Entrypoint script starts the workload without exec",
    .inputs = "dockerfile, image",
    .rationale =
        "When the ENTRYPOINT is a shell script, the script's shell is PID 1. If the script runs "
        "the workload as its last command without `exec`, the workload is a child: SIGTERM/SIGINT "
        "from SageMaker's StopProcessingJob and MaxRuntimeInSeconds stop at the shell (PID 1 "
        "ignores "
        "signals "
        "it has no handler for), the workload is SIGKILLed after the grace period and cannot "
        "flush its outputs.",
    .bad = "#!/bin/sh\nset -e\npython3 /opt/program/process.py \"$@\"",
    .good = "#!/bin/sh\nset -e\nexec python3 /opt/program/process.py \"$@\"",
    .fix =
        "Start the workload with `exec` as the script's last command (`exec \"$@\"` or "
        "`exec python3 ...`), or install a `trap` that forwards the signals.",
    .details = R"md(## What is judged

- The program of the exec-form start command, looking through `tini --`, `dumb-init`, `gosu
  USER`, `su-exec USER`, and `sh script.sh` / `bash script.sh`. A bare name is looked up on PATH
  (ENV PATH, else the default; a shell's script operand such as `bash -m start.sh` first in the
  WORKDIR), a relative path against the WORKDIR.
- A shell-form ENTRYPOINT (SMP001) that runs a script (`ENTRYPOINT /start.sh`, `ENTRYPOINT
  exec bash /start.sh`) is judged by the script its command text runs last, beside SMP001:
  fixing the form alone leaves the script's shell as PID 1.
- **Dockerfile**: the script is the content that the last instruction of the shipped stage chain
  writing that path put there: a COPY heredoc, the source file in the build context (the
  Dockerfile's directory or `--context DIR`; sources that would leave the context are not read,
  files over 1 MB are ignored), or RUN shell text that writes it (`echo ... > start.sh`,
  `printf '...' > start.sh`, `cat <<EOF > start.sh`, `tee start.sh <<EOF`, `>>` appends, in the
  WORKDIR or after a `cd`). A script copied `--from` another stage, or written by anything else
  (curl, cp, sed -i), cannot be read and is not judged. The finding points at the ENTRYPOINT (or
  CMD) element naming the script.
- **Image**: the script is read from the image (symlinks followed); the finding carries its path
  and layer.
- Only shell scripts are judged (a shell shebang, or no shebang and a `.sh` name). The last
  command decides (a trailing `exit` ignored): `exec ...` passes; `set -e`, functions and setup
  commands before it are fine. A script that installs a `trap` is assumed to handle the signals
  itself.
)md",
    .example_syntax = "sh",
    .reads_layers = true,
};

std::string verdict_message(const std::string& script_path, const MissingExec& missing) {
  return "the entrypoint script " + script_path + " runs `" + missing.command + "` (line " +
         std::to_string(missing.line) +
         ") as its last command without exec: the shell stays PID 1 and stop signals never reach "
         "the workload";
}

// Follows symlinks (a few hops) to the regular file they name.
const image::FileEntry* resolve_links(const image::ImageView& image, std::string path) {
  for (int hop = 0; hop < 8; ++hop) {
    const image::FileEntry* e = image.files.find(path);
    if (e == nullptr) return nullptr;
    if (e->type == image::FileEntry::file) return e;
    if (e->type == image::FileEntry::hardlink) return image.files.find(e->link_target);
    if (e->type != image::FileEntry::symlink) return nullptr;
    path = normalize_path(e->link_target, dir_name(path));
  }
  return nullptr;
}

// Where `word` of a shell-form command text is in the Dockerfile: exact on a
// one-line text, else the whole text.
parser::Span word_span(const parser::Token& text, const ShellWord& word) {
  if (text.span.begin.line != text.span.end.line || text.value.find('\n') != std::string::npos) {
    return text.span;
  }
  int column = text.span.begin.column + static_cast<int>(word.offset);
  return {{text.span.begin.line, column},
          {text.span.begin.line, column + static_cast<int>(word.length)}};
}

void judge_script(const DockerfileContext& ctx, const StartInstruction& origin,
                  const std::vector<std::string>& values, std::size_t index, const parser::Span& at,
                  const Reporter& report) {
  std::string path_env(kDefaultPath);
  if (const auto* p = origin.at->scope.find("PATH"); p != nullptr && p->has_value()) path_env = **p;
  for (const auto& path : script_candidates(values[index], origin.workdir, path_env,
                                            is_shell_operand(values, index))) {
    auto script = find_copied_file(ctx.shipped, ctx.file.escape_token, ctx.context_dir, path);
    if (!script) continue;
    if (!is_shell_script(script->content, path)) return;
    if (auto missing = missing_exec(script->content)) {
      std::string written =
          script->origin.rfind("written by", 0) == 0 ? " (" + script->origin + ")" : std::string();
      report.at(at, verdict_message(path + written, *missing));
    }
    return;
  }
}

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  const auto& start = ctx.shipped.start_command();
  // A shell-form ENTRYPOINT (SMP001) that runs a script: the script is judged too,
  // since exec-ing the script from the shell would still leave its own shell as PID 1.
  if (start.has_entrypoint() && !start.entrypoint->exec_form()) {
    const auto& node = *start.entrypoint->node;
    if (node.json_error || node.args.empty()) return;
    const auto& text = node.args.front();
    auto words = last_command_words(text.value);
    std::vector<std::string> values;
    for (const auto& w : words) values.push_back(w.value);
    std::size_t index = start_script_index(values);
    if (index >= values.size()) return;
    judge_script(ctx, *start.entrypoint, values, index, word_span(text, words[index]), report);
    return;
  }
  auto argv = start.argv();
  if (argv.empty() || argv.front().token == nullptr || !argv.front().from->json) return;
  std::vector<std::string> values;
  for (const auto& a : argv) values.push_back(a.value);
  std::size_t index = start_script_index(values);
  if (index >= argv.size() || argv[index].token == nullptr) return;
  const auto& origin = argv[index].is_entrypoint ? *start.entrypoint : *start.cmd;
  judge_script(ctx, origin, values, index, argv[index].token->span, report);
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& config = ctx.image.config;
  auto argv = image_argv(config);
  // Shell + one string is what the shell form produces (SMP001/SMP002): only a shell-form
  // Entrypoint that runs a script is judged here, by the script it runs.
  if (starts_in_shell_form(config)) {
    if (!config.entrypoint || !is_shell_form(*config.entrypoint, config)) return;
    argv.clear();
    for (const auto& w : last_command_words(config.entrypoint->back())) argv.push_back(w.value);
  }
  std::size_t index = start_script_index(argv);
  if (index >= argv.size()) return;
  for (const auto& path :
       image_script_candidates(argv[index], config, is_shell_operand(argv, index))) {
    const image::FileEntry* entry = resolve_links(ctx.image, path);
    if (entry == nullptr) continue;
    auto content = ctx.image.contents.find(entry->path);
    if (content == ctx.image.contents.end()) return;
    if (!is_shell_script(content->second, entry->path)) return;
    if (auto missing = missing_exec(content->second)) {
      report.at_path(entry->path, entry->layer, ctx.image.files.created_by(entry->layer),
                     verdict_message(entry->path, *missing));
    }
    return;
  }
}

}  // namespace

SAGELINT_RULE(SMP006, kInfo, .dockerfile = check_dockerfile, .image = check_image,
              .image_contents = may_be_start_script);

}  // namespace sagelint::rules

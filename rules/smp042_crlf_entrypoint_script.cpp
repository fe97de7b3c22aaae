// SMP042: an entrypoint script with CRLF line endings or a byte-order mark.
#include "image/resolve.hpp"
#include "image/view.hpp"
#include "knowledge/copied_file.hpp"
#include "knowledge/exec_handover.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_command.hpp"
#include "knowledge/start_program.hpp"
#include "knowledge/start_script.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP042",
    .severity = Severity::error,
    .title = "Entrypoint script with CRLF line endings or a byte-order mark",
    .inputs = "dockerfile, image",
    .rationale =
        "A script saved on Windows (or by an editor set to CRLF or \"UTF-8 with BOM\") does not "
        "start on Linux. With CRLF, the kernel reads the interpreter from the #! line up to the "
        "newline, CR included, and looks for `/bin/sh\\r`: \"no such file or directory\" (\"bad "
        "interpreter\" in a shell). With a byte-order mark before #!, the kernel sees no #! at "
        "all: \"exec format error\". A shell reading such a script fails on `$'\\r': command not "
        "found`. The SageMaker Processing job fails at once with AlgorithmError.",
    .bad =
        "# entrypoint.sh was saved with CRLF line endings (\"#!/bin/sh\\r\\n...\")\nCOPY "
        "entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]",
    .good =
        "# entrypoint.sh converted to LF line endings (dos2unix entrypoint.sh)\nCOPY "
        "entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]",
    .fix =
        "Save the script with LF line endings and without a BOM (`dos2unix entrypoint.sh`, "
        "`sed -i 's/\\r$//'`; `* text eol=lf` in .gitattributes keeps Git on Windows from "
        "converting it back).",
    .details = R"md(## What is judged

- The script of the start command: the program of Entrypoint + Cmd (through `tini --`,
  `dumb-init`, `gosu USER`, ...), or the script operand of a shell (`bash start.sh`), found as
  SMP006 finds it (PATH for a bare name, WORKDIR for a relative one).
- A script the kernel starts itself is flagged for a CR at the end of its `#!` line or a UTF-8
  byte-order mark before the `#!`. A shell script (a shell `#!`, a shell's operand, or a `.sh`
  file without `#!`) is flagged for CRLF on any line and for a byte-order mark. CRLF in a later
  line of a Python or other script is fine: those interpreters accept it.
- **Dockerfile**: the script a COPY/ADD puts there: a COPY heredoc (a Dockerfile saved with CRLF
  gives a CRLF heredoc; the finding points at the heredoc line) or the source file in the build
  context (the finding points at the ENTRYPOINT or CMD element naming it). A script copied
  `--from` another stage cannot be read and is not judged.
- **Image**: the script is read from the image, links followed inside it; the finding carries its
  path and layer. In an image only the first 256 bytes of a start program may have been read:
  CRLF is judged on what was read.
)md",
    .example_syntax = "dockerfile",
    .reads_layers = true,
};

struct Defect {
  int line = 1;  // 1-based line of the script
  std::string what;
};

// run_by_kernel: the script is execve'd (its #! matters); else a shell reads it.
std::optional<Defect> line_ending_defect(std::string_view content, std::string_view path,
                                         bool run_by_kernel) {
  if (starts_with_bom(content)) {
    return Defect{1, run_by_kernel ? "starts with a UTF-8 byte-order mark before #!: the kernel "
                                     "sees no #! line (\"exec format error\")"
                                   : "starts with a UTF-8 byte-order mark: the shell reads it as "
                                     "part of the first command"};
  }
  if (content.find('\0') != std::string_view::npos) return std::nullopt;  // a binary
  auto shebang = read_shebang(content);
  if (run_by_kernel && shebang && shebang->crlf) {
    std::string interpreter = shebang->interpreter;
    if (!interpreter.empty() && interpreter.back() == '\r') interpreter.pop_back();
    return Defect{1, "has CRLF line endings: the kernel looks for the interpreter \"" +
                         interpreter + "\\r\" (\"bad interpreter: no such file or directory\")"};
  }
  if (!run_by_kernel || is_shell_script(content, path)) {
    std::size_t crlf = content.find("\r\n");
    if (crlf == std::string_view::npos) return std::nullopt;
    int line = 1;
    for (std::size_t i = 0; i < crlf; ++i) line += content[i] == '\n';
    return Defect{line, "has CRLF line endings (first at line " + std::to_string(line) +
                            "): the shell fails on `$'\\r': command not found`"};
  }
  return std::nullopt;
}

// The source range of line `line` (1-based) of a heredoc body, CR excluded.
parser::Span heredoc_line(const parser::Heredoc& h, int line) {
  std::string_view body = h.content;
  for (int k = 1; k < line; ++k) body.remove_prefix(body.find('\n') + 1);
  std::size_t end = body.find('\n');
  std::string_view text = body.substr(0, end);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  int at = h.body_first_line + line - 1;
  return parser::Span{{at, 1}, {at, static_cast<int>(text.size()) + 1}};
}

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  const auto& start = ctx.shipped.start_command();
  auto argv = start.argv();
  if (argv.empty() || argv.front().token == nullptr || !argv.front().from->json) return;
  std::vector<std::string> values;
  for (const auto& a : argv) values.push_back(a.value);
  std::size_t index = start_script_index(values);
  if (index >= argv.size() || argv[index].token == nullptr) return;
  const auto& origin = argv[index].is_entrypoint ? *start.entrypoint : *start.cmd;
  const bool shell_operand = is_shell_operand(values, index);

  std::string path_env(kDefaultPath);
  if (const auto* p = origin.at->scope.find("PATH"); p != nullptr && p->has_value()) path_env = **p;
  for (const auto& path :
       script_candidates(values[index], origin.workdir, path_env, shell_operand)) {
    auto script = find_copied_file(ctx.shipped, ctx.file.escape_token, ctx.context_dir, path);
    if (!script) continue;
    auto defect = line_ending_defect(script->content, path, !shell_operand);
    if (!defect) return;
    if (script->heredoc != nullptr) {
      report.at(heredoc_line(*script->heredoc, defect->line),
                "the entrypoint script " + path + " (heredoc) " + defect->what);
    } else {
      const bool by_run = script->origin.rfind("written by", 0) == 0;
      report.at(argv[index].token->span, "the entrypoint script " + path + " (" +
                                             (by_run ? "" : "from ") + script->origin + ") " +
                                             defect->what);
    }
    return;
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& image = ctx.image;
  auto argv = image_argv(image.config);
  std::size_t index = start_script_index(argv);
  if (index >= argv.size()) return;
  const bool shell_operand = is_shell_operand(argv, index);
  std::vector<std::string> paths;
  if (shell_operand) {
    for (const auto& candidate : image_script_candidates(argv[index], image.config, true)) {
      auto r = image::resolve_in_image(image.files, candidate);
      if (r.status == image::Resolved::found && r.entry != nullptr) {
        paths.push_back(r.path);
        break;
      }
    }
  } else {
    auto program = find_image_program(image, argv[index]);
    if (program.status == ProgramLookup::found) paths.push_back(program.path);
  }
  if (paths.empty()) return;
  const image::FileEntry* entry = image.files.find(paths.front());
  auto content = image.contents.find(paths.front());
  if (entry == nullptr || content == image.contents.end()) return;
  auto defect = line_ending_defect(content->second, entry->path, !shell_operand);
  if (!defect) return;
  report.at_path(entry->path, entry->layer, image.files.created_by(entry->layer),
                 "the entrypoint script " + entry->path + " " + defect->what);
}

}  // namespace

SAGELINT_RULE(SMP042, kInfo, .dockerfile = check_dockerfile, .image = check_image,
              .image_head = may_be_start_program);

}  // namespace sagelint::rules

// SMP041: the start program cannot be started.
#include <cstdio>

#include "image/view.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/start_program.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP041",
    .severity = Severity::error,
    .title = "Start program cannot be started",
    .inputs = "image",
    .rationale =
        "SageMaker Processing starts the container with the image's Entrypoint and Cmd (unless "
        "the request overrides them). When argv[0] is not found, not an executable file, or a "
        "script whose #! interpreter the image lacks, the container dies at once: `exec: "
        "\"serve\": executable file not found in $PATH`, `permission denied`, or `no such file or "
        "directory` for a script whose interpreter is missing. The job fails with "
        "AlgorithmError after the instance was paid for; locally the same image fails the same "
        "way.",
    .bad = "FROM python:3.12-slim\nCOPY serve.py /opt/program/\nENTRYPOINT [\"serve.py\"]",
    .good =
        "FROM python:3.12-slim\nCOPY --chmod=755 serve.py /opt/program/\nENV "
        "PATH=/opt/program:$PATH\nENTRYPOINT [\"serve.py\"]",
    .fix =
        "Name the program by its absolute path or put its directory on PATH (ENV PATH), make it "
        "executable (`COPY --chmod=755`, `chmod +x`), and install the interpreter its #! line "
        "names.",
    .details = R"md(## What is judged

Only the image: the program is looked up as runc (under Docker and SageMaker alike) does, inside
the image's merged filesystem.

- argv[0] is the first element of Entrypoint + Cmd (the shell, for shell form).
- A name with a slash is the path itself (relative to WorkingDir, `/` when unset); any other name
  is tried in each directory of the image's `PATH` (its `Env`; Docker's default
  `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` when it sets none), and the
  first regular file with an execute bit wins, as Go's `exec.LookPath` does.
- Symlinks are followed in every component, inside the image only: an absolute link target
  starts again at the image root, `..` stops there, more than 40 links is a loop.
- Flagged: nothing found; a directory or other non-file; a file without an execute bit; a file
  whose first bytes are neither an ELF header nor `#!` (the kernel answers "exec format error");
  a `#!` interpreter missing from the image or not executable; `#!/usr/bin/env NAME` (also
  `env -S NAME ...`) where NAME is not on PATH.
- Left to other rules: a CR at the end of the `#!` line or a byte-order mark before it (SMP042),
  a program built for another CPU (SMP040), an image without a command (SMP005).
- Not judged: an image read without its layers; a program whose first bytes were not read.
  The execute bit is judged as root sees it (any of user, group, other).
)md",
    .reads_layers = true,
};

std::string path_message(const std::string& path_env) { return " (PATH=" + path_env + ")"; }

void report_file(const ImageContext& ctx, const Reporter& report, const image::FileEntry& e,
                 std::string message) {
  report.at_path(e.path, e.layer, ctx.image.files.created_by(e.layer), std::move(message));
}

std::string mode_text(uint32_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777u);
  return buf;
}

// False (and a finding) when the lookup did not give a startable file.
bool judge_lookup(const ImageContext& ctx, const Reporter& report, const ProgramLookup& found,
                  const std::string& what, const std::string& name) {
  const std::string path_env = image_path_env(ctx.image.config);
  switch (found.status) {
    case ProgramLookup::found: return true;
    case ProgramLookup::not_found:
      if (found.searched_path) {
        std::string message =
            what + " `" + name + "` is not on the image's PATH" + path_message(path_env);
        if (!found.passed_over.empty())
          message += "; " + found.passed_over + " " + found.passed_over_reason;
        report.general(message + ": \"executable file not found in $PATH\"");
      } else {
        report.general(what + " " + name + " does not exist in the image");
      }
      return false;
    case ProgramLookup::not_executable:
      report_file(ctx, report, *found.entry,
                  what + " " + found.path + " has no execute bit (mode " +
                      mode_text(found.entry->mode) + "): \"permission denied\"");
      return false;
    case ProgramLookup::not_regular:
      report.general(what + " " + name + " is not a regular file");
      return false;
    case ProgramLookup::link_loop:
      report.general(what + " " + name + " is a symlink loop");
      return false;
  }
  return false;
}

void judge_script(const ImageContext& ctx, const Reporter& report, const ProgramLookup& program,
                  const Shebang& shebang) {
  std::string interpreter = shebang.interpreter;
  if (!interpreter.empty() && interpreter.back() == '\r') interpreter.pop_back();  // SMP042's
  // The kernel opens the interpreter as written: relative to the working directory.
  std::string as_path =
      interpreter.find('/') == std::string::npos ? "./" + interpreter : interpreter;
  const std::string workdir = image_workdir(ctx.image.config);
  auto found = find_program(ctx.image, as_path, image_path_env(ctx.image.config), workdir);
  if (found.status == ProgramLookup::not_found || found.status == ProgramLookup::not_regular ||
      found.status == ProgramLookup::link_loop) {
    report_file(ctx, report, *program.entry,
                "the start script " + program.path + " names the interpreter " + interpreter +
                    " (#! line), which does not exist in the image: \"no such file or "
                    "directory\"");
    return;
  }
  if (found.status == ProgramLookup::not_executable) {
    report_file(ctx, report, *program.entry,
                "the interpreter " + found.path + " of the start script " + program.path +
                    " has no execute bit: \"permission denied\"");
    return;
  }
  auto via_env = env_program(shebang);
  if (!via_env) return;
  auto target = find_image_program(ctx.image, *via_env);
  if (target.status != ProgramLookup::found) {
    report_file(ctx, report, *program.entry,
                "the start script " + program.path + " runs `" + interpreter + " " + *via_env +
                    "`, and " + *via_env + " is not on the image's PATH" +
                    path_message(image_path_env(ctx.image.config)));
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& image = ctx.image;
  for (const auto& layer : image.layers) {
    if (!layer.read) return;  // only the config was read: the files are not known
  }
  auto argv = image_argv(image.config);
  if (argv.empty()) return;  // no command at all: SMP005
  auto program = find_image_program(image, argv.front());
  if (!judge_lookup(ctx, report, program, "the start program", argv.front())) return;
  auto head = image.contents.find(program.path);
  if (head == image.contents.end()) return;  // its first bytes were not read
  const std::string& bytes = head->second;
  if (starts_with_bom(bytes)) return;  // SMP042
  if (bytes.substr(0, 4) ==
      "\x7f"
      "ELF")
    return;  // SMP040 judges its machine
  if (auto shebang = read_shebang(bytes)) {
    judge_script(ctx, report, program, *shebang);
    return;
  }
  report_file(ctx, report, *program.entry,
              "the start program " + program.path +
                  " is neither an ELF binary nor a #! script: \"exec format error\"");
}

}  // namespace

SAGELINT_RULE(SMP041, kInfo, .image = check_image, .image_head = may_be_start_program);

}  // namespace sagelint::rules

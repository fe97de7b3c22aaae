// SMP010: data placed at or under /opt/ml.
#include <set>

#include "image/view.hpp"
#include "knowledge/opt_ml.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/shell_writes.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP010",
    .severity = Severity::error,
    .title = "Data placed at or under /opt/ml",
    .inputs = "dockerfile, image",
    .rationale =
        "SageMaker reserves /opt/ml: \"/opt/ml and all its subdirectories are reserved by "
        "SageMaker. When building your Processing Docker image, don't place any data required "
        "by your processing container in these directories.\" At run time the platform mounts "
        "fresh directories over /opt/ml/config, /opt/ml/output and every ProcessingInput and "
        "ProcessingOutput LocalPath under /opt/ml/processing, so files baked into the image there "
        "may silently disappear or be uploaded as job output. /opt/ml/code, /opt/ml/model and "
        "/opt/ml/input are the training and inference conventions: Processing does not mount "
        "them, so files there stay visible, but they are still in the reserved tree. Each "
        "finding says which case applies to its path. Empty directories are harmless.",
    .bad = "COPY process.py /opt/ml/processing/code/process.py",
    .good =
        "COPY process.py /opt/program/process.py\nENTRYPOINT [\"python3\", "
        "\"/opt/program/process.py\"]",
    .fix =
        "Install code and data elsewhere (for example /opt/program) and pass inputs as "
        "ProcessingInputs. A path you accept can be exempted with the rule option "
        "`rules: {SMP010: {allow: [\"/opt/ml/...\"]}}`.",
    .details = R"md(## What is judged

- **Dockerfile**, every instruction whose result ends up in the shipped image: the target stage
  and the stages it builds FROM. A builder stage that is only copied from is not shipped; a
  `COPY --from=builder ... /opt/ml/...` into the shipped stage is.
- COPY/ADD destinations (heredoc sources included) after ARG/ENV expansion, resolved against the
  WORKDIR and normalised: `/opt//ml`, `/opt/./ml`, `..`, `/opt/ml` without a trailing slash,
  `WORKDIR /opt` + `COPY x ml/`. `/opt/mlflow` is not `/opt/ml`. A single file copied into a
  directory is judged (and named) at the path it lands at, so `allow` globs can name files.
- RUN commands (the shell-form line, `sh -c` scripts and heredoc scripts) that write files or
  links there: `touch`, `cp`, `mv`, `install`, `ln`, `rsync`, `tee`, `dd of=`, `wget -O/-P`,
  `curl -o/--output-dir`, `tar -x` (`-C` or the current directory), `unzip` (`-d` or the current
  directory), `git clone`, `pip install --target/--prefix/--root`, `python -m venv`, `conda
  create -p`, `aws s3 cp/sync`, `huggingface-cli download --local-dir`, and output redirections
  (`>`, `>>`, `&>`, `2>`). A `cd` inside the RUN moves the commands after it.
- Not data: `mkdir`/`install -d` (empty directories), `chmod`/`chown`, an ENV value or a program
  argument that merely mentions /opt/ml, redirections to /dev/*.
- A relative path whose WORKDIR comes from an external base image, or a path that depends on an
  unknown ARG, cannot be placed and is not judged.
- The finding points at the path token.
- **Image**: every file and link at or under /opt/ml in the final filesystem (after whiteouts),
  each with the layer and history entry that put it there. Directories are not reported
  themselves: a non-empty one is reported through what it holds.
)md",
    .reads_layers = true,
};

class AllowList {
 public:
  explicit AllowList(const RuleOptions* options) {
    if (options == nullptr) return;
    auto it = options->find("allow");
    if (it != options->end()) globs_ = it->second;
  }
  bool allows(const std::string& path) const {
    for (const auto& g : globs_) {
      if (glob_match(normalize_path(g), path) || glob_match(g, path)) return true;
    }
    return false;
  }

 private:
  std::vector<std::string> globs_;
};

bool reserved(const std::string& path, const AllowList& allow) {
  return is_at_or_under(path, kOptMl) && !allow.allows(path);
}

void check_copy(const DockerfileContext& ctx, const ShippedInstruction& si, const AllowList& allow,
                const Reporter& report) {
  const auto& node = si.node();
  if (node.args.size() < 2) return;
  const auto& dest = node.args.back();
  auto expanded = expand_known(dest.value, si.at->scope, ctx.file.escape_token);
  if (!expanded) return;
  auto path = resolve_in_workdir(*expanded, si.workdir);
  if (!path) return;
  // One file copied into a directory lands at dir/name: judge (and name) that path.
  bool into_dir = !expanded->empty() && (expanded->back() == '/' || base_name(*expanded) == ".");
  if (into_dir && node.args.size() == 2) {
    const std::string& source = node.args.front().value;
    auto source_text = source.rfind("<<", 0) == 0
                           ? std::nullopt
                           : expand_known(source, si.at->scope, ctx.file.escape_token);
    if (source_text && source_text->find_first_of("*?[") == std::string::npos &&
        base_name(*source_text) != "." && base_name(*source_text) != "/") {
      path = normalize_path(base_name(*source_text), *path);
    }
  }
  if (!reserved(*path, allow)) return;
  std::string keyword = node.keyword == "add" ? "ADD" : "COPY";
  report.at(dest.span, keyword + " puts data at " + *path + ": " + opt_ml_data_reason(*path));
}

void check_run(const DockerfileContext& ctx, const ShippedInstruction& si, const AllowList& allow,
               const Reporter& report) {
  std::set<std::pair<int, int>> seen;
  for (const auto& script : ctx.shipped.run_scripts(si.node())) {
    // Each RUN starts in the WORKDIR; `cd` moves the commands after it.
    std::optional<std::string> cwd = si.workdir;
    for (std::size_t n = 0; n < script.commands.size(); ++n) {
      if (const ShellWord* dir = cd_target(script.commands[n])) {
        auto value = expand_shell_word(*dir, script.text, si.at->scope);
        cwd = value ? resolve_in_workdir(*value, cwd) : std::nullopt;
        continue;
      }
      for (const auto& written : script.writes[n]) {
        std::optional<std::string> path;
        if (written.in_cwd) {
          if (cwd) path = normalize_path(*written.in_cwd, *cwd);
        } else if (auto value = expand_shell_word(written.word, script.text, si.at->scope)) {
          path = resolve_in_workdir(*value, cwd);
        }
        if (!path || !reserved(*path, allow)) continue;
        parser::Span range = script.locate(written.word.offset, written.word.length);
        if (!seen.insert({range.begin.line, range.begin.column}).second) continue;
        report.at(range, std::string(written.is_link ? "RUN creates a link at " : "RUN writes ") +
                             *path + ": " + opt_ml_data_reason(*path));
      }
    }
  }
}

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  AllowList allow(ctx.options);
  for (const auto& si : ctx.shipped.instructions()) {
    const auto& node = si.node();
    if (node.keyword == "copy" || node.keyword == "add") {
      check_copy(ctx, si, allow, report);
    } else if (node.keyword == "run") {
      check_run(ctx, si, allow, report);
    }
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  AllowList allow(ctx.options);
  const auto& files = ctx.image.files;
  auto [first, last] = files.subtree(kOptMl);
  std::vector<const image::FileEntry*> entries;
  if (const auto* root = files.find(kOptMl); root != nullptr) entries.push_back(root);
  for (auto it = first; it != last; ++it) entries.push_back(&*it);
  for (const auto* e : entries) {
    // Directories only carry data through what is in them; an empty one is fine.
    if (e->type == image::FileEntry::dir) continue;
    if (!reserved(e->path, allow)) continue;
    std::string what = e->type == image::FileEntry::symlink    ? "symlink"
                       : e->type == image::FileEntry::hardlink ? "hard link"
                                                               : "file";
    report.at_path(e->path, e->layer, files.created_by(e->layer),
                   what + " " + e->path + " is under /opt/ml: " + opt_ml_data_reason(e->path));
  }
}

}  // namespace

SAGELINT_RULE(SMP010, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules

// SMP021: a CUDA stub library on the runtime library path.
#include "image/view.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/run_scripts.hpp"
#include "knowledge/shell_writes.hpp"
#include "knowledge/shipped_stage.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP021",
    .severity = Severity::warning,
    .title = "CUDA stub library on the runtime library path",
    .inputs = "dockerfile, image",
    .rationale =
        "The libraries in the CUDA toolkit's stubs/ directory exist only to link against at build "
        "time; at run time libcuda.so from stubs returns CUDA_ERROR_STUB_LIBRARY (\"CUDA driver is "
        "a stub library\"). With stubs on LD_LIBRARY_PATH, an ld.so.conf entry, or a libcuda.so* "
        "link pointing into stubs/, the stub can be loaded instead of the driver that the "
        "SageMaker "
        "GPU instance injects, and every CUDA call fails.",
    .bad = "ENV LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs:$LD_LIBRARY_PATH",
    .good =
        "ENV LIBRARY_PATH=/usr/local/cuda/lib64/stubs\nRUN "
        "LD_LIBRARY_PATH=/usr/local/cuda/lib64/stubs "
        "make",
    .fix =
        "Use the stubs only while building (LIBRARY_PATH, or LD_LIBRARY_PATH on the RUN line that "
        "needs it) and never link libcuda.so* to them from a library directory.",
    .details = R"md(## What is judged

- **Dockerfile** (shipped stage chain): `ENV LD_LIBRARY_PATH` whose expanded value has a `stubs`
  directory; `ln -s …/stubs/libcuda.so* LINK` where the link is outside stubs/; `echo …/stubs >
  /etc/ld.so.conf.d/…`. A temporary `ldconfig …/stubs` is not flagged: the GPU runtime hook
  rebuilds the loader cache from ld.so.conf when the container starts.
- **Image**: config Env `LD_LIBRARY_PATH`, and `libcuda.so*` symlinks outside stubs/ that point
  into a stubs directory.
)md",
    .reads_layers = true,
};

bool is_stubs_dir(std::string_view dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.remove_suffix(1);
  return base_name(dir) == "stubs";
}

bool path_list_has_stubs(std::string_view list) {
  std::size_t i = 0;
  while (i <= list.size()) {
    std::size_t j = list.find(':', i);
    if (j == std::string_view::npos) j = list.size();
    if (is_stubs_dir(list.substr(i, j - i))) return true;
    i = j + 1;
  }
  return false;
}

bool in_stubs(std::string_view path) {
  return path.find("/stubs/") != std::string_view::npos || path.substr(0, 6) == "stubs/";
}

// ln -s .../stubs/libcuda.so /usr/lib/x86_64-linux-gnu/libcuda.so.1
void check_link(const ShippedInstruction& si, const RunScript& script, const ShellCommand& command,
                const std::vector<WrittenPath>& writes, const Reporter& report) {
  if (writes.empty() || !writes.back().is_link) return;
  auto link = expand_shell_word(writes.back().word, script.text, si.at->scope);
  if (link && in_stubs(*link + "/")) return;  // a link inside stubs/ itself
  for (const auto& source : link_sources(command)) {
    auto target = expand_shell_word(source, script.text, si.at->scope);
    if (!target || !in_stubs(*target) || base_name(*target).substr(0, 9) != "libcuda.s") continue;
    report.at(script.locate(source.offset, source.length),
              "RUN links the CUDA stub " + *target +
                  " into a library path: the stub can be loaded instead of the injected driver");
  }
}

// echo /usr/local/cuda/lib64/stubs > /etc/ld.so.conf.d/cuda.conf. (`ldconfig DIR` alone
// is not flagged: the GPU runtime hook rebuilds the cache from ld.so.conf at start.)
void check_ld_config(const ShippedInstruction& si, const RunScript& script,
                     const ShellCommand& command, const std::vector<WrittenPath>& writes,
                     const Reporter& report) {
  std::size_t p = program_index(command);
  if (p >= command.words.size()) return;
  bool to_ld_conf = false;
  for (const auto& w : writes) {
    auto path = expand_shell_word(w.word, script.text, si.at->scope);
    if (path && path->rfind("/etc/ld.so.conf", 0) == 0) to_ld_conf = true;
  }
  if (!to_ld_conf) return;
  for (std::size_t k = p + 1; k < command.words.size(); ++k) {
    const auto& w = command.words[k];
    auto value = expand_shell_word(w, script.text, si.at->scope);
    if (!value || !is_stubs_dir(*value)) continue;
    report.at(script.locate(w.offset, w.length), "RUN adds the CUDA stubs directory " + *value +
                                                     " to the dynamic loader's search path");
  }
}

void check_run(const DockerfileContext& ctx, const ShippedInstruction& si, const Reporter& report) {
  for (const auto& script : ctx.shipped.run_scripts(si.node())) {
    for (std::size_t n = 0; n < script.commands.size(); ++n) {
      check_link(si, script, script.commands[n], script.writes[n], report);
      check_ld_config(si, script, script.commands[n], script.writes[n], report);
    }
  }
}

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  for (const auto& si : ctx.shipped.instructions()) {
    const auto& node = si.node();
    if (node.keyword == "env") {
      for (std::size_t k = 0; k + 1 < node.args.size(); k += 3) {
        if (node.args[k].value != "LD_LIBRARY_PATH") continue;
        const auto& value = node.args[k + 1];
        auto expanded = parser::expand_word(value.value, si.at->scope, ctx.file.escape_token);
        if (!path_list_has_stubs(expanded.value)) continue;
        report.at(value.span,
                  "LD_LIBRARY_PATH includes a CUDA stubs directory: the stub libcuda can be "
                  "loaded instead of the injected driver");
      }
    } else if (node.keyword == "run") {
      check_run(ctx, si, report);
    }
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  for (const auto& kv : ctx.image.config.env) {
    if (kv.rfind("LD_LIBRARY_PATH=", 0) != 0) continue;
    if (path_list_has_stubs(std::string_view(kv).substr(16))) {
      report.general("config Env " + kv +
                     " puts a CUDA stubs directory on the runtime library path");
    }
  }
  const auto& files = ctx.image.files;
  for (const auto& e : files) {
    if (e.type != image::FileEntry::symlink) continue;
    if (base_name(e.path).substr(0, 9) != "libcuda.s" || in_stubs(e.path)) continue;
    if (!in_stubs(e.link_target) && !is_stubs_dir(dir_name(e.link_target))) continue;
    report.at_path(e.path, e.layer, files.created_by(e.layer),
                   e.path + " links to the CUDA stub " + e.link_target +
                       ": the stub can be loaded instead of the injected driver");
  }
}

}  // namespace

SAGELINT_RULE(SMP021, kInfo, .dockerfile = check_dockerfile, .image = check_image);

}  // namespace sagelint::rules

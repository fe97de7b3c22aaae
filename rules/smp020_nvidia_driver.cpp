// SMP020: an NVIDIA driver bundled in the image.
#include <sstream>

#include "image/view.hpp"
#include "rules/nvidia.hpp"
#include "rules/package_installs.hpp"
#include "rules/paths.hpp"
#include "rules/rule.hpp"
#include "rules/run_scripts.hpp"
#include "rules/shipped_stage.hpp"

namespace sagelint::rules {
namespace {

constexpr RuleInfo kInfo{
    "SMP020",
    Severity::error,
    "NVIDIA driver bundled in the image",
    "dockerfile, image",
    "On GPU instances SageMaker's container runtime injects the host's NVIDIA driver "
    "(libcuda, libnvidia-*, nvidia-smi, firmware) into the container. A driver baked into "
    "the image shadows or conflicts with it: the loader picks the wrong libcuda or "
    "libnvidia-ml and CUDA fails with \"driver/library version mismatch\" or "
    "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH as soon as the instance's driver differs. The CUDA "
    "toolkit (cudart, cuBLAS, cuDNN, NCCL, the stubs/ link libraries and the cuda-compat "
    "forward-compatibility package) belongs in the image and is not flagged.",
    "RUN apt-get update && apt-get install -y cuda-drivers",
    "RUN apt-get update && apt-get install -y cuda-toolkit-12-4 cuda-compat-12-4",
    "Install only toolkit packages (cuda-toolkit-*, cuda-libraries-*, cuda-compat-*, "
    "libcudnn*, libnccl*) or start from an nvidia/cuda base image; never the `cuda` or "
    "`cuda-drivers` meta-packages, nvidia-driver-*/libnvidia-compute-*, or an NVIDIA .run "
    "installer without --toolkit.",
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::vector<std::string> split_blanks(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// The package name inside a package file name: "nvidia-driver-535_535.1_amd64.deb".
std::string package_of_file(std::string_view file) {
  std::string_view base = base_name(file);
  for (std::string_view ext : {".deb", ".rpm"}) {
    if (base.size() > ext.size() && base.substr(base.size() - ext.size()) == ext) {
      base.remove_suffix(ext.size());
    }
  }
  return std::string(base.substr(0, base.find('_')));
}

std::string runfile_problem(std::string_view file, const std::vector<std::string>& flags) {
  std::string_view base = base_name(file);
  auto has = [&](std::string_view f) {
    return std::find(flags.begin(), flags.end(), f) != flags.end();
  };
  if (starts_with(base, "NVIDIA-Linux-"))
    return "runs the NVIDIA driver installer " + std::string(base);
  if (starts_with(base, "cuda_") || starts_with(base, "cuda-")) {
    if (has("--driver")) return "runs the CUDA installer " + std::string(base) + " with --driver";
    if (!has("--toolkit")) {
      return "runs the CUDA installer " + std::string(base) +
             " without --toolkit, which also installs the driver";
    }
  }
  return "";
}

class Smp020 final : public Rule {
 public:
  using Rule::check;
  const RuleInfo& info() const override { return kInfo; }

  void check(const DockerfileContext& ctx, const Reporter& report) const override {
    for (const auto& si : shipped_instructions(ctx)) {
      const auto& node = si.node();
      if (node.keyword == "run") {
        check_run(si, report);
      } else if (node.keyword == "copy" || node.keyword == "add") {
        check_copy(ctx, si, report);
      }
    }
  }

  void check(const ImageContext& ctx, const Reporter& report) const override {
    const auto& files = ctx.image.files;
    for (const auto& e : files) {
      if (e.type == image::FileEntry::dir) continue;
      // A libcuda link into stubs/ is SMP021.
      if (e.type == image::FileEntry::symlink &&
          e.link_target.find("stubs/") != std::string::npos) {
        continue;
      }
      NvidiaFileKind kind = classify_nvidia_path(e.path);
      if (kind == NvidiaFileKind::none) continue;
      report.at_path(e.path, e.layer, files.created_by(e.layer),
                     std::string(describe(kind)) + " " + e.path +
                         " is in the image; the host's driver is injected at run time");
    }
    for (const auto& [path, content] : ctx.image.contents) {
      bool dpkg = path == "/var/lib/dpkg/status" || starts_with(path, "/var/lib/dpkg/status.d/");
      bool apk = path == "/lib/apk/db/installed";
      if (!dpkg && !apk) continue;
      const auto* entry = files.find(path);
      int layer = entry ? entry->layer : -1;
      for (const auto& package : installed_in_database(content, apk)) {
        std::string reason = driver_package_reason(package);
        if (reason.empty()) continue;
        report.at_path(path, layer, layer >= 0 ? files.created_by(layer) : std::string(),
                       "installed package " + package + ": " + reason);
      }
    }
  }

  // Package names marked installed in a dpkg status file or an apk database.
  static std::vector<std::string> installed_in_database(const std::string& content, bool apk) {
    std::vector<std::string> out;
    std::istringstream in(content);
    std::string line;
    std::string package;
    bool installed = apk;
    auto flush = [&] {
      if (!package.empty() && installed) out.push_back(package);
      package.clear();
      installed = apk;
    };
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) {
        flush();
      } else if (!apk && starts_with(line, "Package:")) {
        package = split_blanks(line.substr(8)).empty() ? "" : split_blanks(line.substr(8)).front();
      } else if (!apk && starts_with(line, "Status:")) {
        installed = line.find(" installed") != std::string::npos &&
                    line.find("not-installed") == std::string::npos;
      } else if (apk && starts_with(line, "P:")) {
        package = line.substr(2);
      }
    }
    flush();
    return out;
  }

 private:
  static void check_run(const ShippedInstruction& si, const Reporter& report) {
    for (const auto& script : run_scripts(si.node())) {
      for (const auto& command : script.commands) {
        for (const auto& pkg : installed_packages(command)) {
          auto value = expand_shell_word(pkg.word, script.text, si.at->scope);
          std::string text = value ? *value : pkg.word.value;
          for (const auto& name : split_blanks(text)) {
            std::string reason = driver_package_reason(pkg.is_file ? package_of_file(name) : name);
            if (reason.empty()) continue;
            report.at(script.locate(pkg.word.offset, pkg.word.length),
                      pkg.manager + " installs " + name + ": " + reason +
                          "; the host's driver is injected at run time");
            break;
          }
        }
        for (const auto& runfile : executed_runfiles(command)) {
          std::string problem = runfile_problem(runfile.file.value, runfile.flags);
          if (problem.empty()) continue;
          report.at(script.locate(runfile.file.offset, runfile.file.length),
                    "RUN " + problem + "; the host's driver is injected at run time");
        }
      }
    }
  }

  static void check_copy(const DockerfileContext& ctx, const ShippedInstruction& si,
                         const Reporter& report) {
    const auto& node = si.node();
    if (node.args.size() < 2) return;
    auto dest_text = expand_known(node.args.back().value, si.at->scope, ctx.file.escape_token);
    if (!dest_text) return;
    auto dest = resolve_in_workdir(*dest_text, si.workdir);
    if (!dest) return;
    bool into_dir = node.args.size() > 2 || dest_text->back() == '/';
    for (std::size_t k = 0; k + 1 < node.args.size(); ++k) {
      const auto& source = node.args[k];
      if (starts_with(source.value, "<<")) continue;
      auto source_text = expand_known(source.value, si.at->scope, ctx.file.escape_token);
      if (!source_text) continue;
      std::string landed = normalize_path(base_name(*source_text), *dest);
      NvidiaFileKind kind = classify_nvidia_path(landed);
      if (kind == NvidiaFileKind::none && !into_dir) kind = classify_nvidia_path(*dest);
      if (kind == NvidiaFileKind::none) continue;
      report.at(to_range(source.span), std::string(node.keyword == "add" ? "ADD" : "COPY") +
                                           " puts an " + std::string(describe(kind)) +
                                           " into the image (" +
                                           std::string(base_name(*source_text)) +
                                           "); the host's driver is injected at run time");
    }
  }
};

}  // namespace

const Rule& rule_SMP020() {
  static const Smp020 rule;
  return rule;
}

}  // namespace sagelint::rules

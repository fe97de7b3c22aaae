// SMP020: an NVIDIA driver bundled in the image.
#include <string_view>

#include "image/view.hpp"
#include "knowledge/nvidia.hpp"
#include "knowledge/package_databases.hpp"
#include "knowledge/package_installs.hpp"
#include "knowledge/paths.hpp"
#include "knowledge/shell_variables.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP020",
    .severity = Severity::error,
    .title = "NVIDIA driver bundled in the image",
    .inputs = "dockerfile, image",
    .rationale =
        "On GPU instances SageMaker's container runtime injects the host's NVIDIA driver "
        "(libcuda, libnvidia-*, nvidia-smi, firmware) into the container. A driver baked into "
        "the image shadows or conflicts with it: the loader picks the wrong libcuda or "
        "libnvidia-ml and CUDA fails with \"driver/library version mismatch\" or "
        "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH as soon as the instance's driver differs. The CUDA "
        "toolkit (cudart, cuBLAS, cuDNN, NCCL, the stubs/ link libraries and the cuda-compat "
        "forward-compatibility package) belongs in the image and is not flagged.",
    .bad = "RUN apt-get update && apt-get install -y cuda-drivers",
    .good = "RUN apt-get update && apt-get install -y cuda-toolkit-12-4 cuda-compat-12-4",
    .fix =
        "Install only toolkit packages (cuda-toolkit-*, cuda-libraries-*, cuda-compat-*, "
        "libcudnn*, libnccl*) or start from an nvidia/cuda base image; never the `cuda` or "
        "`cuda-drivers` meta-packages, nvidia-driver-*/libnvidia-compute-*, or an NVIDIA .run "
        "installer without --toolkit.",
    .details = R"md(## What is judged

- **Dockerfile** (shipped stage chain):
  - packages given to `apt-get`/`apt`/`aptitude install`, `yum`/`dnf`/`microdnf`/`tdnf install`
    (also `dnf module install`), `zypper install`, `apk add`, and package files given to `dpkg
    -i`/`rpm -i`. Driver packages: `cuda` and `cuda-X-Y` (meta-packages that pull the driver),
    `cuda-drivers*`, `cuda-runtime-*`, `nvidia-driver*`, `libnvidia-*` (except
    libnvidia-container*), `libcuda1`, `nvidia-utils-*`, `nvidia-compute-utils-*`,
    `nvidia-kernel-*`, `nvidia-dkms-*`, `nvidia-headless-*`, `nvidia-open*`,
    `nvidia-fabricmanager*`, `nvidia-smi`, `nvidia-persistenced`, `xserver-xorg-video-nvidia*`,
    `kmod-nvidia*`, ..., and the other distributions' spellings of the same components
    (`nvidia-driver-535-server`, `linux-modules-nvidia-*`, `firmware-nvidia-gsp`, RHEL's
    `nvidia-driver-cuda`, `kmod-nvidia-open-dkms`, `akmod-nvidia`, `xorg-x11-drv-nvidia*`, SUSE's
    `nvidia-gl-G06`, `nvidia-compute-G06`, `x11-video-nvidiaG06`, ...; the table with its sources
    is `knowledge/nvidia_packages.cpp`). `-dev`/`-devel` packages are not the driver. Package
    names held in shell variables that the same RUN assigned earlier (`PKGS=...;`, `export
    PKGS=...`) are expanded. The finding points at the package word.
  - download-only runs are not installs: `apt-get install -d`/`--download-only`, `apt-get
    download`, `yum`/`dnf install --downloadonly`, `dnf download`, `zypper install -d`/
    `--download-only`.
  - executed installers: `NVIDIA-Linux-*.run` always; a CUDA runfile (`cuda_*.run`) unless it
    runs with `--toolkit` and without `--driver`. Downloading a runfile is not installing it.
  - COPY/ADD of a file that lands where the classification below calls it a driver file, and of
    an `NVIDIA-Linux-*.run` installer whose name holds ARGs without a value (the prefix and the
    `.run` suffix decide).
- **Image**: every file of the final filesystem classified as a driver file (an
  `NVIDIA-Linux-*.run` installer file left in the image is not: it installs nothing by itself,
  the files it unpacked are), and driver packages marked installed in `/var/lib/dpkg/status`
  (and `status.d/`) or `/lib/apk/db/installed`.
- **Classification** (research/images-and-nvidia.md §3.6): driver libraries (`libcuda.so.*`,
  `libnvidia-*.so.<driver version>`, `libnvcuvid`, `libGLX_nvidia`, ... where the driver version
  is a 3-digit major ≥ 300 such as 535.129.03; the fixed sonames `libcuda.so`, `libcuda.so.1`,
  `libnvidia-ml.so.1`, ...), anything under Debian's `…/nvidia/current/` or `/usr/lib/wsl/`,
  driver programs in a bin/sbin directory (`nvidia-smi`, `nvidia-debugdump`,
  `nvidia-persistenced`, `nvidia-cuda-mps-*`, ...), kernel modules `nvidia*.ko[.xz|.zst|.gz]`,
  GSP firmware `…/firmware/nvidia/<version>/gsp*.bin`, `NVIDIA-Linux-*.run` and
  `nvidia-installer`. Everything under a `stubs/`, `compat/` or `cuda-compat/` directory is the
  toolkit's. A `libcuda.so*` symlink into `stubs/` is SMP021.
)md",
    .reads_layers = true,
};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// The words of `s` split on whitespace (as `istream >> word` splits in the C locale).
std::vector<std::string> split_blanks(std::string_view s) {
  std::vector<std::string> out;
  auto blank = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
  };
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && blank(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !blank(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

void check_run(const DockerfileContext& ctx, const ShippedInstruction& si, const Reporter& report) {
  for (const auto& script : ctx.shipped.run_scripts(si.node())) {
    auto scopes = scopes_before_commands(script, si.at->scope);
    for (std::size_t n = 0; n < script.commands.size(); ++n) {
      const auto& command = script.commands[n];
      for (const auto& pkg : installed_packages(command)) {
        auto value = expand_shell_word(pkg.word, script.text, scopes[n]);
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
        std::string problem = driver_installer_reason(runfile.file.value, runfile.flags);
        if (problem.empty()) continue;
        report.at(script.locate(runfile.file.offset, runfile.file.length),
                  "RUN " + problem + "; the host's driver is injected at run time");
      }
    }
  }
}

void check_copy(const DockerfileContext& ctx, const ShippedInstruction& si,
                const Reporter& report) {
  const auto& node = si.node();
  if (node.args.size() < 2) return;
  auto dest_text = expand_known(node.args.back().value, si.at->scope, ctx.file.escape_token);
  if (!dest_text) return;
  auto dest = resolve_in_workdir(*dest_text, si.workdir);
  if (!dest) return;
  bool into_dir = node.args.size() > 2 || dest_text->back() == '/';
  const std::string keyword = node.keyword == "add" ? "ADD" : "COPY";
  for (std::size_t k = 0; k + 1 < node.args.size(); ++k) {
    const auto& source = node.args[k];
    if (starts_with(source.value, "<<")) continue;
    auto source_text = expand_known(source.value, si.at->scope, ctx.file.escape_token);
    if (!source_text) {
      // An ARG without a value may be anything; the installer's name still shows.
      if (is_driver_runfile_name(base_name(source.value))) {
        report.at(source.span, keyword + " puts the " +
                                   std::string(describe(NvidiaFileKind::driver_installer)) + " " +
                                   std::string(base_name(source.value)) +
                                   " into the image; the host's driver is injected at run time");
      }
      continue;
    }
    std::string landed = normalize_path(base_name(*source_text), *dest);
    NvidiaFileKind kind = classify_nvidia_path(landed);
    if (kind == NvidiaFileKind::none && !into_dir) kind = classify_nvidia_path(*dest);
    if (kind == NvidiaFileKind::none) continue;
    report.at(source.span, keyword + " puts an " + std::string(describe(kind)) +
                               " into the image (" + std::string(base_name(*source_text)) +
                               "); the host's driver is injected at run time");
  }
}

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  for (const auto& si : ctx.shipped.instructions()) {
    const auto& node = si.node();
    if (node.keyword == "run") {
      check_run(ctx, si, report);
    } else if (node.keyword == "copy" || node.keyword == "add") {
      check_copy(ctx, si, report);
    }
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& files = ctx.image.files;
  for (const auto& e : files) {
    if (e.type == image::FileEntry::dir) continue;
    // A libcuda link into stubs/ is SMP021.
    if (e.type == image::FileEntry::symlink && e.link_target.find("stubs/") != std::string::npos) {
      continue;
    }
    NvidiaFileKind kind = classify_nvidia_path(e.path);
    if (kind == NvidiaFileKind::none) continue;
    // An installer file left in the image (downloaded, copied) installs nothing by
    // itself; the files it unpacked are what shadow the host's driver.
    if (kind == NvidiaFileKind::driver_installer && is_driver_runfile_name(base_name(e.path))) {
      continue;
    }
    report.at_path(e.path, e.layer, files.created_by(e.layer),
                   std::string(describe(kind)) + " " + e.path +
                       " is in the image; the host's driver is injected at run time");
  }
  for (const auto& [path, content] : ctx.image.contents) {
    PackageDatabase database = package_database_at(path);
    if (database == PackageDatabase::none) continue;
    const auto* entry = files.find(path);
    int layer = entry ? entry->layer : -1;
    for (const auto& package : installed_in_database(content, database)) {
      std::string reason = driver_package_reason(package);
      if (reason.empty()) continue;
      report.at_path(path, layer, layer >= 0 ? files.created_by(layer) : std::string(),
                     "installed package " + package + ": " + reason);
    }
  }
}

// The image check reads the package databases.
bool reads_package_database(const std::string& path, const image::ImageConfig&) {
  return package_database_at(path) != PackageDatabase::none;
}

}  // namespace

SAGELINT_RULE(SMP020, kInfo, .dockerfile = check_dockerfile, .image = check_image,
              .image_contents = reads_package_database);

}  // namespace sagelint::rules

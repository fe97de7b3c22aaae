// SMP040: the image is built for another CPU architecture or OS than Processing's.
#include "image/elf_header.hpp"
#include "image/view.hpp"
#include "knowledge/image_command.hpp"
#include "knowledge/platform.hpp"
#include "knowledge/shipped_stage.hpp"
#include "knowledge/start_program.hpp"
#include "parser/expand.hpp"
#include "rules/rule.hpp"

namespace sagelint::rules {
namespace {

using namespace knowledge;

constexpr RuleInfo kInfo{
    .id = "SMP040",
    .severity = Severity::error,
    .title = "Image built for another architecture or OS than linux/amd64",
    .inputs = "dockerfile, image",
    .rationale =
        "Every SageMaker Processing instance type is x86-64 Linux. An image built for arm64 "
        "(the default of `docker build` on Apple Silicon and Graviton machines) does not start "
        "there: the pull finds no linux/amd64 manifest, or the container dies with `exec "
        "format error` as its first and only log line.",
    .bad = "FROM --platform=linux/arm64 python:3.12-slim\nENTRYPOINT [\"python3\", \"/job.py\"]",
    .good = "FROM --platform=linux/amd64 python:3.12-slim\nENTRYPOINT [\"python3\", \"/job.py\"]",
    .fix =
        "Build for linux/amd64: `docker buildx build --platform linux/amd64 ...` (a multi-platform "
        "build with linux/amd64 among its platforms works too), and take prebuilt binaries for "
        "x86-64.",
    .details = R"md(## What is judged

- **Dockerfile**: `FROM --platform=...` of each stage of the shipped chain (the target stage and
  the stages it builds FROM; a builder stage only copied from is not shipped), after expanding
  the global ARGs. `$BUILDPLATFORM`, `$TARGETPLATFORM` (and the other automatic platform ARGs)
  and ARGs without a value are unknown and not judged. Platform words are read as containerd
  does: `aarch64` is arm64, `x86_64` is amd64, a lone `arm64` means linux/arm64.
- **Image**, from the manifest and config: an image index (manifest list) with no linux/amd64
  entry (the finding lists what it has; the other rules then judge the first platform listed),
  and a config whose `architecture` is not `amd64` or whose `os` is not `linux`.
- **Image**, from the layers: when the config claims amd64, the start program (argv[0] of
  Entrypoint + Cmd, looked up on PATH and through symlinks as SMP041 does), or the interpreter
  of a `#!` start script, is an ELF file for another machine (its header's `e_machine`). Only the
  first bytes of such files are read. 32-bit x86 (i386) programs are not flagged: x86-64
  kernels run them.
- `--select SMP040` reads the layers for the ELF check; the index and config checks alone
  would need only the manifest and config.
)md",
    .reads_layers = true,
};

void check_dockerfile(const DockerfileContext& ctx, const Reporter& report) {
  int target = ctx.shipped.target();
  if (target < 0) return;
  for (int index : shipped_stage_chain(ctx.stages, target)) {
    const auto& stage = ctx.stages.stages[static_cast<std::size_t>(index)];
    if (stage.from == nullptr) continue;
    for (const auto& flag : stage.from->flags) {
      if (flag.name != "platform" || !flag.value) continue;
      // FROM sees the global ARGs only; the automatic platform ARGs are unknown there.
      auto expanded =
          parser::expand_word(*flag.value, ctx.stages.global_args, ctx.file.escape_token);
      if (expanded.unknown || expanded.error || expanded.value.empty()) continue;
      auto platform = parse_platform(expanded.value);
      if (!platform || runs_on_linux_amd64(*platform)) continue;
      std::string said = expanded.value == *flag.value ? expanded.value
                                                       : *flag.value + " (" + expanded.value + ")";
      report.at(flag.span, "FROM --platform=" + said + " builds for " + platform->text() +
                               ": SageMaker Processing runs linux/amd64 only (\"exec format "
                               "error\")");
    }
  }
}

bool lists_linux_amd64(const std::vector<std::string>& platforms) {
  for (const auto& p : platforms) {
    auto parsed = parse_platform(p);
    if (parsed && parsed->os == "linux" && parsed->architecture == "amd64") return true;
  }
  return false;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The machine of the ELF file at `path`, when its head was read and it is not x86.
std::optional<uint16_t> foreign_machine(const image::ImageView& image, const std::string& path) {
  auto head = image.contents.find(path);
  if (head == image.contents.end()) return std::nullopt;
  auto elf = image::read_elf_header(head->second);
  if (!elf || elf->machine == image::kMachineX86_64 || elf->machine == image::kMachine386)
    return std::nullopt;
  return elf->machine;
}

void report_elf(const ImageContext& ctx, const Reporter& report, const image::FileEntry& e,
                uint16_t machine, const std::string& role) {
  report.at_path(e.path, e.layer, ctx.image.files.created_by(e.layer),
                 role + " " + e.path + " is an ELF binary for " + image::elf_machine_name(machine) +
                     ", not x86-64: it fails with \"exec format error\" on every Processing "
                     "instance");
}

void check_program(const ImageContext& ctx, const Reporter& report) {
  const auto& image = ctx.image;
  for (const auto& layer : image.layers) {
    if (!layer.read) return;  // config-only read: no files
  }
  auto argv = image_argv(image.config);
  if (argv.empty()) return;
  auto program = find_image_program(image, argv.front());
  if (program.status != ProgramLookup::found) return;  // SMP041
  if (auto machine = foreign_machine(image, program.path)) {
    report_elf(ctx, report, *program.entry, *machine, "the start program");
    return;
  }
  auto head = image.contents.find(program.path);
  if (head == image.contents.end()) return;
  auto shebang = read_shebang(head->second);
  if (!shebang) return;
  std::string interpreter = shebang->interpreter;
  if (!interpreter.empty() && interpreter.back() == '\r') interpreter.pop_back();
  if (interpreter.find('/') == std::string::npos) interpreter = "./" + interpreter;
  auto path_env = image_path_env(image.config);
  auto workdir = image_workdir(image.config);
  auto runs = find_program(image, interpreter, path_env, workdir);
  if (runs.status != ProgramLookup::found) return;
  if (auto via_env = env_program(*shebang)) {
    runs = find_program(image, *via_env, path_env, workdir);
    if (runs.status != ProgramLookup::found) return;
  }
  if (auto machine = foreign_machine(image, runs.path)) {
    report_elf(ctx, report, *runs.entry, *machine,
               "the interpreter of the start script " + program.path + ",");
  }
}

void check_image(const ImageContext& ctx, const Reporter& report) {
  const auto& image = ctx.image;
  if (!image.index_platforms.empty() && !lists_linux_amd64(image.index_platforms)) {
    report.general("the image index has no linux/amd64 image (it lists " +
                   joined(image.index_platforms) +
                   "): SageMaker Processing pulls linux/amd64 and finds nothing to run");
    return;
  }
  const auto& config = image.config;
  bool wrong_arch = !config.architecture.empty() && config.architecture != "amd64";
  bool wrong_os = !config.os.empty() && config.os != "linux";
  if (wrong_arch || wrong_os) {
    std::string platform = config.os + "/" + config.architecture +
                           (config.variant.empty() ? "" : "/" + config.variant);
    report.general("the image config says " + platform +
                   ": SageMaker Processing runs linux/amd64 only (\"exec format error\")");
    return;
  }
  check_program(ctx, report);
}

}  // namespace

SAGELINT_RULE(SMP040, kInfo, .dockerfile = check_dockerfile, .image = check_image,
              .image_head = may_be_start_program);

}  // namespace sagelint::rules

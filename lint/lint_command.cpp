// `sagelint lint`: config per target, one pass over every target (an unreadable
// target is reported and skipped, never the end of the run), then every requested
// report from the same results, then the exit code.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <variant>

#include "image/view.hpp"
#include "lint/baseline.hpp"
#include "lint/commands.hpp"
#include "lint/config.hpp"
#include "lint/engine.hpp"
#include "lint/exit_codes.hpp"
#include "lint/fix_targets.hpp"
#include "lint/layer_needs.hpp"
#include "lint/report.hpp"
#include "lint/targets.hpp"
#include "registry/image_source.hpp"

namespace sagelint::lint {
namespace fs = std::filesystem;
namespace {

std::string directory_of(const std::string& target) {
  if (target == kStdinTarget) return ".";
  auto parent = fs::path(target).parent_path();
  return parent.empty() ? "." : parent.string();
}

LintSettings settings_for(const Config& config, const LintOptions& options) {
  return settings_from(config, options.selected, options.ignored, options.failure_threshold,
                       !options.no_inline_ignores);
}

// One open report destination.
struct Output {
  ReportFormat format;
  std::string path;  // "" = stdout
  std::unique_ptr<std::ofstream> file;
};

bool colour_wanted(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return isatty(fd) && (no_color == nullptr || *no_color == '\0');
}

// Where and how an image target is read; read_layers: false when no rule that will run
// needs file contents (then a registry image costs its manifest and config only).
registry::SourceOptions source_options(const LintOptions& options, bool read_layers) {
  registry::SourceOptions s;
  s.registry.credentials.creds = options.creds;
  s.registry.credentials.authfile = options.authfile;
  s.registry.cert_dir = options.cert_dir;
  s.registry.tls_verify = options.tls_verify;
  s.read = image_read_options(options.image_name, options.platform, !options.no_verify);
  s.read.read_layers = read_layers;
  return s;
}

ImageSummary summarize(const image::ImageView& view) {
  ImageSummary s;
  s.digest = view.manifest_digest;
  s.index_digest = view.index_digest;
  s.config_digest = view.config_digest;
  for (const auto& l : view.layers) s.layers.push_back({l.digest, l.size, l.read});
  s.bytes_read = view.stats.bytes_read;
  return s;
}

// Reads the --image-for-request image once, the first time a request needs it.
class RequestImage {
 public:
  explicit RequestImage(const LintOptions& options) : options_(options) {}
  // nullptr when no image was asked for or it could not be read (error() says why).
  const image::ImageView* get() {
    if (options_.image_for_request.empty()) return nullptr;
    if (!tried_) {
      tried_ = true;
      // SMJ010 and SMJ011 judge the image's config: no layer is read.
      auto read = registry::read_image_target(options_.image_for_request,
                                              source_options(options_, /*read_layers=*/false));
      if (auto* view = std::get_if<image::ImageView>(&read)) {
        image_ = std::make_unique<image::ImageView>(std::move(*view));
      } else {
        error_ = std::get<image::ReadError>(read).message;
        std::cerr << "sagelint: " << options_.image_for_request << ": " << error_ << '\n';
      }
    }
    return image_.get();
  }
  bool failed() const { return !error_.empty(); }

 private:
  const LintOptions& options_;
  bool tried_ = false;
  std::unique_ptr<image::ImageView> image_;
  std::string error_;
};

TargetResult lint_one(const std::string& target, const LintOptions& options,
                      const LintSettings& settings, RequestImage& request_image,
                      std::optional<DockerfileInput>& dockerfile) {
  DetectedTarget detected = detect_target(target, options.kind);
  if (detected.error) {
    TargetResult r;
    r.target = target;
    r.kind = detected.kind;
    r.error = detected.error;
    r.failure_threshold = settings.failure_threshold;
    return r;
  }
  switch (detected.kind) {
    case TargetKind::dockerfile: {
      DockerfileInput input;
      input.target = target;
      input.text = std::move(detected.text);
      input.build_args = options.build_args;
      input.target_stage = options.target_stage;
      input.context_dir = !options.context_dir.empty() ? options.context_dir
                          : target == kStdinTarget     ? std::string()
                                                       : directory_of(target);
      auto result = lint_dockerfile(input, settings);
      dockerfile = std::move(input);
      return result;
    }
    case TargetKind::image: {
      auto read = registry::read_image_target(
          target,
          source_options(options, image_rules_read_layers(settings.selected, settings.ignored)));
      if (auto* error = std::get_if<image::ReadError>(&read)) {
        TargetResult r;
        r.target = target;
        r.kind = TargetKind::image;
        r.error = error->message;
        r.failure_threshold = settings.failure_threshold;
        return r;
      }
      const auto& view = std::get<image::ImageView>(read);
      TargetResult r = lint_image(target, view, settings);
      r.image = summarize(view);
      return r;
    }
    case TargetKind::request:
      return lint_request(target, detected.text, request_image.get(), settings);
  }
  return {};
}

}  // namespace

int lint_command(const LintOptions& options) {
  // Configs first: a broken config is a usage error before anything is linted.
  std::map<std::string, Config> configs;  // by path; "" = no config file
  configs[""] = Config{};
  std::vector<std::string> config_of_target;
  for (const auto& target : options.targets) {
    std::string path = options.config_path;
    if (path.empty()) path = find_config(directory_of(target)).value_or("");
    if (!configs.count(path)) {
      auto loaded = load_config(path);
      if (loaded.error) {
        std::cerr << "sagelint: " << *loaded.error << '\n';
        return kExitUsage;
      }
      configs[path] = std::move(loaded.config);
    }
    config_of_target.push_back(path);
  }

  std::optional<Baseline> baseline;
  if (!options.baseline.empty()) {
    auto read = read_baseline(options.baseline);
    if (auto* why = std::get_if<std::string>(&read)) {
      std::cerr << "sagelint: " << *why << '\n';
      return kExitUsage;
    }
    baseline = std::move(std::get<Baseline>(read));
  }

  // Reports: the command line's -f, else the first target's config `format`, else tty.
  std::vector<OutputSpec> specs = options.outputs;
  if (specs.empty() && !config_of_target.empty()) specs = configs[config_of_target[0]].formats;
  if (specs.empty()) specs.push_back({"tty", ""});
  std::vector<Output> outputs;
  for (const auto& spec : specs) {
    Output out{*report_format_from_string(spec.format), spec.path, nullptr};
    if (!spec.path.empty()) {
      out.file = std::make_unique<std::ofstream>(spec.path, std::ios::binary | std::ios::trunc);
      if (!*out.file) {
        std::cerr << "sagelint: cannot write report to " << spec.path << ": "
                  << std::strerror(errno) << '\n';
        return kExitUsage;
      }
    }
    outputs.push_back(std::move(out));
  }

  LintResults results;
  RequestImage request_image(options);
  bool unreadable = false;
  for (std::size_t i = 0; i < options.targets.size(); ++i) {
    const auto& target = options.targets[i];
    auto settings = settings_for(configs[config_of_target[i]], options);
    std::optional<DockerfileInput> dockerfile;
    results.push_back(lint_one(target, options, settings, request_image, dockerfile));
    if (results.back().error) {
      std::cerr << "sagelint: " << target << ": " << *results.back().error << '\n';
      unreadable = true;
    }
    if ((options.fix || options.diff) && dockerfile) {
      if (fix_target(*dockerfile, settings, options, results.back(), std::cout).failed)
        unreadable = true;
    } else if (dockerfile) {
      results.back().fixable = count_fixable(*dockerfile, results.back());
    }
  }
  if (request_image.failed()) unreadable = true;
  if (!options.write_baseline.empty()) {
    // The new baseline accepts every finding of this run.
    const std::string text =
        baseline_text(results, options.write_baseline, baseline ? &*baseline : nullptr);
    std::error_code ec;
    if (auto parent = fs::path(options.write_baseline).parent_path(); !parent.empty())
      fs::create_directories(parent, ec);
    std::ofstream file(options.write_baseline, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file) {
      std::cerr << "sagelint: cannot write baseline " << options.write_baseline << ": "
                << std::strerror(errno) << '\n';
      return kExitUsage;
    }
    auto written = read_baseline(options.write_baseline);
    if (auto* b = std::get_if<Baseline>(&written)) baseline = std::move(*b);
  }
  if (baseline) apply_baseline(*baseline, results, today_utc());

  bool write_failed = false;
  for (auto& out : outputs) {
    // With --fix/--diff, standard output carries only the fixed file or the diff.
    std::ostream& console = options.fix || options.diff ? std::cerr : std::cout;
    std::ostream& stream = out.file ? static_cast<std::ostream&>(*out.file) : console;
    write_report(out.format, results, stream,
                 TtyStyle{!out.file &&
                          colour_wanted(&console == &std::cerr ? STDERR_FILENO : STDOUT_FILENO)},
                 SarifSettings{options.docs_url, ""});
    stream.flush();
    if (out.file) out.file->close();
    if (!stream) {
      std::cerr << "sagelint: cannot write report to "
                << (out.path.empty() ? std::string("standard output") : out.path) << '\n';
      write_failed = true;
    }
  }
  std::cerr.flush();

  if (unreadable) return kExitUnreadable;
  if (write_failed) return kExitUsage;
  for (const auto& r : results)
    if (fails_threshold(r)) return kExitFindings;
  return kExitClean;
}

}  // namespace sagelint::lint

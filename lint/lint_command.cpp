// `sagelint lint`: config per target, one pass over every target (an unreadable
// target is reported and skipped, never the end of the run), then every requested
// report from the same results, then the exit code.
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <variant>

#include "image/base_layers.hpp"
#include "image/manifest_cache.hpp"
#include "image/view.hpp"
#include "lint/baseline.hpp"
#include "lint/commands.hpp"
#include "lint/config.hpp"
#include "lint/engine.hpp"
#include "lint/exit_codes.hpp"
#include "lint/fix_targets.hpp"
#include "lint/fleet_run.hpp"
#include "lint/fleet_targets.hpp"
#include "lint/layer_needs.hpp"
#include "lint/progress.hpp"
#include "lint/report.hpp"
#include "lint/result_cache.hpp"
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
registry::SourceOptions source_options(const LintOptions& options, bool read_layers,
                                       std::shared_ptr<image::LayerCache> cache = nullptr,
                                       std::shared_ptr<image::ManifestCache> manifests = nullptr) {
  registry::SourceOptions s;
  s.registry.credentials.creds = options.creds;
  s.registry.credentials.authfile = options.authfile;
  s.registry.cert_dir = options.cert_dir;
  s.registry.tls_verify = options.tls_verify;
  s.registry.manifest_cache = std::move(manifests);
  s.read = image_read_options(options.image_name, options.platform, !options.no_verify);
  s.read.read_layers = read_layers;
  s.read.layer_cache = std::move(cache);
  return s;
}

ImageSummary summarize(const image::ImageView& view) {
  ImageSummary s;
  s.digest = view.manifest_digest;
  s.index_digest = view.index_digest;
  s.config_digest = view.config_digest;
  for (const auto& l : view.layers) s.layers.push_back({l.digest, l.size, l.read, l.created_by});
  s.base_layers = image::base_layer_count(view.history, view.layers.size());
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
    std::lock_guard lock(mu_);  // targets are linted on several threads
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
  // The same image with its layers read (files listed, no contents kept), for a rule
  // that needs its files (SMJ012); read once, the first time one asks.
  const image::ImageView* with_files() {
    std::lock_guard<std::mutex> lock(files_mutex_);
    if (get() == nullptr) return nullptr;
    if (!tried_files_) {
      tried_files_ = true;
      registry::SourceOptions source = source_options(options_, /*read_layers=*/true);
      source.read.want_content = nullptr;
      auto read = registry::read_image_target(options_.image_for_request, source);
      if (auto* view = std::get_if<image::ImageView>(&read)) {
        files_ = std::make_unique<image::ImageView>(std::move(*view));
      } else {
        error_ = std::get<image::ReadError>(read).message;
        std::cerr << "sagelint: " << options_.image_for_request << ": " << error_ << '\n';
      }
    }
    return files_.get();
  }
  bool failed() const { return !error_.empty(); }

 private:
  const LintOptions& options_;
  std::mutex mu_;
  bool tried_ = false;
  std::mutex files_mutex_;
  bool tried_files_ = false;
  std::unique_ptr<image::ImageView> image_;
  std::unique_ptr<image::ImageView> files_;
  std::string error_;
};

TargetResult lint_one(const std::string& target, const LintOptions& options,
                      const LintSettings& settings, RequestImage& request_image,
                      const std::shared_ptr<image::LayerCache>& cache,
                      const std::shared_ptr<image::ManifestCache>& manifests,
                      const std::shared_ptr<ResultCache>& results,
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
      const bool read_layers = image_rules_read_layers(settings.selected, settings.ignored);
      auto source = source_options(options, read_layers, cache, manifests);
      // An image whose config and layers were linted before under the same settings:
      // its findings come from the result cache and no layer is read.
      std::string result_key;
      std::optional<ResultCache::Known> known;
      if (results && read_layers && !options.no_verify)
        source.read.layers_known = [&](const image::ImageView& listed) {
          result_key = results->key(target, listed, settings);
          if (!result_key.empty()) known = results->load(result_key, target);
          return known.has_value();
        };
      auto read = registry::read_image_target(target, source);
      if (auto* error = std::get_if<image::ReadError>(&read)) {
        TargetResult r;
        r.target = target;
        r.kind = TargetKind::image;
        r.error = error->message;
        r.failure_threshold = settings.failure_threshold;
        return r;
      }
      const auto& view = std::get<image::ImageView>(read);
      TargetResult r;
      if (known) {
        r.target = target;
        r.kind = TargetKind::image;
        r.findings = std::move(known->findings);
        r.failure_threshold = settings.failure_threshold;
        r.image = summarize(view);
        // As the run that stored them says: layers whose contents went into the findings.
        if (known->layers_read.size() == r.image->layers.size())
          for (std::size_t i = 0; i < r.image->layers.size(); ++i)
            r.image->layers[i].read = known->layers_read[i];
        return r;
      }
      r = lint_image(target, view, settings);
      r.image = summarize(view);
      if (!result_key.empty()) results->store(result_key, r);
      return r;
    }
    case TargetKind::request:
      return lint_request(target, detected.text, request_image.get(), settings,
                          [&request_image] { return request_image.with_files(); });
  }
  return {};
}

// A target that could not be listed (a catalog, a directory): reported as unreadable.
TargetResult unlisted(const PlannedTarget& planned, const LintSettings& settings) {
  TargetResult r;
  r.target = planned.target;
  r.kind = planned.target.rfind("docker://", 0) == 0 ? TargetKind::image : TargetKind::dockerfile;
  r.error = planned.error;
  r.failure_threshold = settings.failure_threshold;
  return r;
}

}  // namespace

int lint_command(const LintOptions& options) {
  // Catalogs, tag lists, directories and --targets-from lists become targets first.
  auto expanded =
      expand_targets(options.targets, options.fleet, source_options(options, false).registry);
  if (auto* why = std::get_if<std::string>(&expanded)) {
    std::cerr << "sagelint: " << *why << '\n';
    return kExitUsage;
  }
  auto planned = std::get<std::vector<PlannedTarget>>(std::move(expanded));
  if (options.fleet.shard) planned = select_shard(std::move(planned), *options.fleet.shard);
  std::vector<std::string> targets;
  for (const auto& p : planned) targets.push_back(p.target);

  // Configs first: a broken config is a usage error before anything is linted.
  std::map<std::string, Config> configs;  // by path; "" = no config file
  configs[""] = Config{};
  std::vector<std::string> config_of_target;
  std::map<std::string, std::string> config_of_directory;  // most targets share a few
  for (const auto& target : targets) {
    std::string path = options.config_path;
    if (path.empty()) {
      const std::string dir = directory_of(target);
      auto found = config_of_directory.find(dir);
      if (found == config_of_directory.end())
        found = config_of_directory.emplace(dir, find_config(dir).value_or("")).first;
      path = found->second;
    }
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

  // Only the tty report's summary says how many findings --fix would fix; counting
  // means a trial fix, so it is done only when that report is written.
  const bool count_fixes = std::any_of(outputs.begin(), outputs.end(), [](const Output& o) {
    return o.format == ReportFormat::tty;
  });
  LintResults results(targets.size());
  RequestImage request_image(options);
  bool unreadable = false;
  // --fix and --diff write files and standard output as they go: one target at a time.
  const int jobs = options.fix || options.diff ? 1 : jobs_for(options.fleet);
  auto cache = open_layer_cache(options.fleet);
  auto manifests = open_manifest_cache(options.fleet);
  auto result_cache = open_result_cache(options.fleet);
  std::vector<LintSettings> settings_of(targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i)
    settings_of[i] = settings_for(configs[config_of_target[i]], options);
  std::vector<char> fix_failed(targets.size(), 0);
  // A single target has nothing to count: progress is for runs over several.
  Progress progress(targets.size(),
                    targets.size() > 1 && progress_wanted(options.fleet.no_progress));
  for_each_in_flight(targets.size(), jobs, [&](std::size_t i) {
    const auto& settings = settings_of[i];
    TargetResult& result = results[i];
    if (planned[i].error) {
      result = unlisted(planned[i], settings);
    } else {
      std::optional<DockerfileInput> dockerfile;
      result = lint_one(targets[i], options, settings, request_image, cache, manifests,
                        result_cache, dockerfile);
      if ((options.fix || options.diff) && dockerfile) {
        if (fix_target(*dockerfile, settings, options, result, std::cout).failed) fix_failed[i] = 1;
      } else if (dockerfile && count_fixes) {
        result.fixable = count_fixable(*dockerfile, result);
      }
    }
    progress.target_done(result.image ? result.image->bytes_read : 0);
  });
  progress.finish();
  for (std::size_t i = 0; i < targets.size(); ++i) {
    if (results[i].error) {
      std::cerr << "sagelint: " << targets[i] << ": " << *results[i].error << '\n';
      unreadable = true;
    }
    if (fix_failed[i]) unreadable = true;
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

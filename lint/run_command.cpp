// `sagelint run`: options and config -> request -> validation -> image -> command -> job
// -> observations judged by the rules -> the job report and the lint reports.
#include "lint/run_command.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "image/hostfs.hpp"
#include "image/unpack.hpp"
#include "image/view.hpp"
#include "lint/common_options.hpp"
#include "lint/config.hpp"
#include "lint/engine.hpp"
#include "lint/exit_codes.hpp"
#include "lint/finding_json.hpp"
#include "lint/report.hpp"
#include "registry/image_source.hpp"
#include "request/model.hpp"
#include "rules/rule.hpp"
#include "runtime/command.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/janitor.hpp"
#include "runtime/job.hpp"
#include "runtime/job_request.hpp"
#include "runtime/limits.hpp"
#include "runtime/printable.hpp"
#include "runtime/process.hpp"
#include "runtime/report.hpp"
#include "runtime/runc_runtime.hpp"
#include "runtime/signal_names.hpp"
#include "runtime/signal_pipe.hpp"

namespace sagelint::lint {

namespace {

using namespace runtime;  // the job model and its runner

namespace fs = std::filesystem;

// The exit codes of every command (lint/exit_codes.hpp), in `run`'s words.
constexpr int kExitOk = kExitClean;
constexpr int kExitFailed = kExitFindings;  // the job Failed or was Stopped, or a finding
constexpr int kExitUnavailable = kExitUnreadable;

struct RunOptions {
  std::string image;
  std::string request_file;
  std::string entrypoint_json, arguments_json;
  std::vector<std::string> env, inputs, outputs;
  std::optional<int> instance_count;
  std::string instance_type;
  std::string max_runtime, stop_after, stop_grace;  // validated by duration_flag
  std::string stop_signal = "SIGTERM";
  std::string runtime, network = "none", report_file;
  bool keep = false;
  // Where the image comes from: docker:// registries (skopeo's option names), --platform.
  std::string creds, authfile, cert_dir, platform;
  bool creds_given = false, tls_verify = true;
  bool userns = false;
  bool cleanup = false;
  FindingOptionText finding_text;  // -f, -t, --ignore, --select, -c: as `lint` takes them
  FindingOptions findings;
};

registry::RegistryOptions registry_options(const RunOptions& o) {
  registry::RegistryOptions r;
  if (o.creds_given) r.credentials.creds = o.creds;
  r.credentials.authfile = o.authfile;
  r.cert_dir = o.cert_dir;
  r.tls_verify = o.tls_verify;
  return r;
}

// docker-daemon:NAME and docker:NAME: the name Docker takes.
std::string daemon_name(const std::string& image) { return image.substr(image.find(':') + 1); }

// A one-line error for the user, with the exit code it leads to.
struct Failure {
  int code;
  std::string message;
};

std::optional<Argv> parse_argv_json(const std::string& flag, const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, false);
  auto not_argv = [&] {
    return Failure{kExitUsage, flag + " must be a JSON array of strings, got: " + text};
  };
  if (!j.is_array()) throw not_argv();
  Argv out;
  for (const auto& v : j) {
    if (!v.is_string()) throw not_argv();
    out.push_back(v.get<std::string>());
  }
  return out;
}

// A CreateProcessingJob request is a few kilobytes; a larger file is not one.
constexpr std::size_t kRequestLimit = 1u << 20;

std::string read_text(const std::string& path) {
  hostfs::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) throw Failure{kExitUnavailable, path + ": cannot be read: " + hostfs::errno_text()};
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0 || S_ISDIR(st.st_mode))
    throw Failure{kExitUnavailable, path + ": cannot be read: is a directory"};
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > kRequestLimit)
    throw Failure{kExitUnavailable, path + ": larger than 1 MiB; not a request"};
  std::string text(kRequestLimit + 1, '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Failure{kExitUnavailable, path + ": cannot be read: " + hostfs::errno_text()};
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > kRequestLimit)
    throw Failure{kExitUnavailable, path + ": larger than 1 MiB; not a request"};
  text.resize(got);
  return text;
}

// A duration flag: a finite number of seconds, not negative, small enough for any clock
// (NaN, infinities, negatives, overflow and trailing text are usage errors).
constexpr double kLongestDuration = 1e7;  // about 115 days (MaxRuntimeInSeconds: 9 days)

std::optional<double> duration_flag(const std::string& flag, const std::string& text,
                                    bool whole_seconds) {
  if (text.empty()) return std::nullopt;
  const char* begin = text.c_str();
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(begin, &end);
  bool parsed = end != begin && *end == '\0' && errno != ERANGE;
  if (!parsed || !std::isfinite(v) || v < 0 || v > kLongestDuration ||
      (whole_seconds && (v != std::floor(v) || v < 1)))
    throw Failure{kExitUsage, flag + " " + text + ": expected " +
                                  (whole_seconds ? std::string("a whole number of seconds from 1")
                                                 : std::string("a number of seconds from 0")) +
                                  " to " + std::to_string(static_cast<long>(kLongestDuration))};
  return v;
}

std::pair<std::string, std::string> split_pair(const std::string& flag, const std::string& value,
                                               bool at_last) {
  auto pos = at_last ? value.rfind(':') : value.find(':');
  if (pos == std::string::npos || pos == 0 || pos + 1 == value.size())
    throw Failure{kExitUsage, flag + " " + value + ": expected two paths separated by ':'"};
  return {value.substr(0, pos), value.substr(pos + 1)};
}

std::string absolute(const std::string& p) {
  std::error_code ec;
  auto a = fs::absolute(p, ec);
  return ec ? p : a.lexically_normal().string();
}

request::Request default_request(const std::string& image) {
  request::Request r;
  r.processing_job_name = "sagelint-local-job";
  r.app_specification.pointer = "/AppSpecification";
  r.app_specification.image_uri = image;
  r.role_arn = "arn:aws:iam::000000000000:role/sagelint-local";
  r.processing_resources.pointer = "/ProcessingResources";
  r.processing_resources.cluster_config.pointer = "/ProcessingResources/ClusterConfig";
  r.processing_resources.cluster_config.instance_count = 1;
  r.processing_resources.cluster_config.instance_type = "ml.m5.xlarge";
  r.processing_resources.cluster_config.volume_size_in_gb = 30;
  return r;
}

// Flags override the request's members; new inputs and outputs look like the SDK's.
void apply_flags(request::Request& r, const RunOptions& o,
                 std::map<std::string, std::string>& input_dirs,
                 std::map<std::string, std::string>& output_dirs) {
  if (auto ep = parse_argv_json("--entrypoint", o.entrypoint_json))
    r.app_specification.container_entrypoint = ep;
  if (auto args = parse_argv_json("--arguments", o.arguments_json))
    r.app_specification.container_arguments = args;
  for (const auto& kv : o.env) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0)
      throw Failure{kExitUsage, "--env " + kv + ": expected K=V"};
    r.environment[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& spec : o.inputs) {
    auto [host, local] = split_pair("--input", spec, true);
    input_dirs[local] = absolute(host);
    bool known = false;
    for (const auto& in : r.processing_inputs) known = known || in.local_path() == local;
    if (known) continue;
    request::ProcessingInput in;
    size_t i = r.processing_inputs.size();
    in.pointer = request::member_pointer("/ProcessingInputs", i);
    in.input_name = "input-" + std::to_string(i + 1);
    request::S3Input s3;
    s3.pointer = in.pointer + "/S3Input";
    s3.s3_uri = "s3://sagelint-local/" + r.processing_job_name + "/" + in.input_name;
    s3.local_path = local;
    s3.s3_data_type = "S3Prefix";
    s3.s3_input_mode = "File";
    s3.s3_data_distribution_type = "FullyReplicated";
    s3.s3_compression_type = "None";
    in.s3_input = s3;
    r.processing_inputs.push_back(std::move(in));
  }
  for (const auto& spec : o.outputs) {
    auto [local, host] = split_pair("--output", spec, false);
    output_dirs[local] = absolute(host);
    if (!r.processing_output_config) {
      r.processing_output_config.emplace();
      r.processing_output_config->pointer = "/ProcessingOutputConfig";
    }
    auto& outs = r.processing_output_config->outputs;
    bool known = false;
    for (const auto& out : outs) known = known || out.local_path() == local;
    if (known) continue;
    request::ProcessingOutput out;
    size_t i = outs.size();
    out.pointer = request::member_pointer("/ProcessingOutputConfig/Outputs", i);
    out.output_name = "output-" + std::to_string(i + 1);
    request::S3Output s3;
    s3.pointer = out.pointer + "/S3Output";
    s3.s3_uri = "s3://sagelint-local/" + r.processing_job_name + "/" + out.output_name;
    s3.local_path = local;
    s3.s3_upload_mode = "EndOfJob";
    out.s3_output = s3;
    outs.push_back(std::move(out));
  }
  auto& cc = r.processing_resources.cluster_config;
  if (o.instance_count) cc.instance_count = *o.instance_count;
  if (!o.instance_type.empty()) cc.instance_type = o.instance_type;
  if (auto max_runtime = duration_flag("--max-runtime", o.max_runtime, true)) {
    if (!r.stopping_condition) {
      r.stopping_condition.emplace();
      r.stopping_condition->pointer = "/StoppingCondition";
    }
    r.stopping_condition->max_runtime_in_seconds = static_cast<std::int64_t>(*max_runtime);
  }
}

// Where the report goes. Checked before the job starts (a report that cannot be
// written would make the run worthless); a regular file is written under a temporary
// name and renamed, so a failed write never leaves a report that looks complete.
class ReportSink {
 public:
  explicit ReportSink(std::string file) : file_(std::move(file)) {
    if (file_.empty()) {
      if (::fcntl(1, F_GETFL) < 0) fail("standard output is closed");
      return;
    }
    struct stat st {};
    if (::stat(file_.c_str(), &st) == 0) {
      if (S_ISDIR(st.st_mode)) fail("is a directory");
      if (S_ISFIFO(st.st_mode)) return;  // opening it now would wait for a reader
      hostfs::UniqueFd fd(::open(file_.c_str(), O_WRONLY | O_APPEND | O_NONBLOCK | O_CLOEXEC));
      if (!fd) fail(hostfs::errno_text());
      if (!S_ISREG(st.st_mode)) return;
    }
    // A temporary file next to it proves the directory takes new files.
    std::string probe = temp_template();
    int fd = ::mkstemp(probe.data());
    if (fd < 0) fail(hostfs::errno_text());
    ::close(fd);
    ::unlink(probe.c_str());
  }

  void write(const std::string& text) const {
    if (file_.empty()) {
      std::size_t n = std::fwrite(text.data(), 1, text.size(), stdout);
      if (n != text.size() || std::fflush(stdout) != 0 || std::ferror(stdout))
        fail("cannot write the report to standard output: " + hostfs::errno_text(), false);
      return;
    }
    struct stat st {};
    bool special = ::stat(file_.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
    if (special) {
      hostfs::UniqueFd fd(::open(file_.c_str(), O_WRONLY | O_CLOEXEC));
      if (!fd || !write_all(fd.get(), text)) fail(hostfs::errno_text());
      return;
    }
    std::string tmp = temp_template();
    hostfs::UniqueFd fd(::mkstemp(tmp.data()));
    if (!fd) fail(hostfs::errno_text());
    ::fchmod(fd.get(), 0644);
    bool ok = write_all(fd.get(), text) && ::fsync(fd.get()) == 0;
    int err = errno;
    fd.reset();
    if (!ok || ::rename(tmp.c_str(), file_.c_str()) != 0) {
      if (ok) err = errno;
      ::unlink(tmp.c_str());
      errno = err;
      fail(hostfs::errno_text());
    }
  }

 private:
  std::string temp_template() const {
    fs::path p(file_);
    fs::path dir = p.parent_path().empty() ? fs::path(".") : p.parent_path();
    return (dir / ("." + p.filename().string() + ".sagelint-XXXXXX")).string();
  }
  [[noreturn]] void fail(const std::string& why, bool name_it = true) const {
    throw Failure{kExitUnavailable,
                  name_it ? "--report " + file_ + ": cannot write the report: " + why : why};
  }
  std::string file_;
};

std::string report_text(const nlohmann::ordered_json& report) {
  return report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The findings in lint's formats (-f FMT[=PATH], else the config's `format`, else tty).
// A report without PATH goes to standard output when --report sends the job report to a
// file, else to standard error: standard output carries one document. Files are opened
// before the job starts, as `lint` opens them before it lints.
class LintReports {
 public:
  LintReports(const std::vector<OutputSpec>& specs, bool stdout_free) {
    for (const auto& spec : specs) {
      Output out{*report_format_from_string(spec.format), spec.path, nullptr};
      if (!spec.path.empty()) {
        out.file = std::make_unique<std::ofstream>(spec.path, std::ios::binary | std::ios::trunc);
        if (!*out.file)
          throw Failure{kExitUsage,
                        "cannot write report to " + spec.path + ": " + std::strerror(errno)};
      }
      out.console_fd = stdout_free ? STDOUT_FILENO : STDERR_FILENO;
      outputs_.push_back(std::move(out));
    }
  }

  // False when a report could not be written (each failure is said on stderr).
  bool write(const LintResults& results, const std::string& docs_url) {
    bool ok = true;
    for (auto& out : outputs_) {
      std::ostream& console = out.console_fd == STDOUT_FILENO ? std::cout : std::cerr;
      std::ostream& stream = out.file ? static_cast<std::ostream&>(*out.file) : console;
      const char* no_color = std::getenv("NO_COLOR");
      bool color = !out.file && isatty(out.console_fd) && (no_color == nullptr || !*no_color);
      write_report(out.format, results, stream, TtyStyle{color}, SarifSettings{docs_url, ""});
      stream.flush();
      if (out.file) out.file->close();
      if (!stream) {
        std::fprintf(stderr, "sagelint: cannot write report to %s\n",
                     out.path.empty() ? "standard output" : out.path.c_str());
        ok = false;
      }
    }
    return ok;
  }

 private:
  struct Output {
    ReportFormat format;
    std::string path;
    std::unique_ptr<std::ofstream> file;
    int console_fd = STDERR_FILENO;
  };
  std::vector<Output> outputs_;
};

// SAGELINT_RUN_TIMINGS=1: how long each phase took, on stderr (for bench/run).
class PhaseTimer {
 public:
  PhaseTimer() : enabled_(std::getenv("SAGELINT_RUN_TIMINGS") != nullptr) {}
  void mark(const char* phase) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "sagelint: timing: %-10s %7.1f ms\n", phase,
                 std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// --userns: the container's root is an unprivileged user here, and must be able to reach
// its bundle through every directory above the work directory.
void check_reachable_by_others(const fs::path& dir) {
  for (fs::path p = dir.parent_path(); !p.empty(); p = p.parent_path()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) == 0 && !(st.st_mode & S_IXOTH))
      throw Failure{kExitUsage, "--userns: " + p.string() +
                                    " is not searchable by other users, so the container's "
                                    "unprivileged root cannot reach its files; chmod o+x it or "
                                    "set TMPDIR elsewhere"};
    if (p == p.root_path()) break;
  }
}

int run(const RunOptions& o, PhaseTimer& timer) {
  SignalPipe signals;  // from here on, SIGINT/SIGTERM lead to the cleanup path

  const bool docker_image = registry::is_daemon_target(o.image);
  std::string runtime_name = o.runtime.empty() ? (docker_image ? "docker" : "runc") : o.runtime;
  if (runtime_name == "docker" && !docker_image)
    throw Failure{kExitUsage,
                  "--runtime docker runs images by name: use docker-daemon:NAME (docker:NAME)"};
  if (runtime_name == "runc" && docker_image)
    throw Failure{kExitUsage,
                  "--runtime runc needs an image archive or OCI layout, not " + o.image};
  if (o.userns && runtime_name == "docker")
    throw Failure{kExitUsage,
                  "--userns is for runc; a Docker Engine maps users with its own userns-remap"};
  auto stop_signal = signal_from_name(o.stop_signal);
  if (!stop_signal || (*stop_signal != SIGTERM && *stop_signal != SIGINT))
    throw Failure{kExitUsage, "--stop-signal must be SIGTERM or SIGINT, got " + o.stop_signal};
  double stop_grace = duration_flag("--stop-grace", o.stop_grace, false).value_or(120);
  std::optional<double> stop_after = duration_flag("--stop-after", o.stop_after, false);
  duration_flag("--max-runtime", o.max_runtime, true);
  ReportSink report(o.report_file);

  // The configuration, as `lint` reads it: -c, else .sagelint.yaml found upward from here.
  Config config;
  std::string config_path = o.findings.config_path;
  if (config_path.empty()) config_path = find_config(".").value_or("");
  if (!config_path.empty()) {
    auto loaded = load_config(config_path);
    if (loaded.error) throw Failure{kExitUsage, *loaded.error};
    config = std::move(loaded.config);
  }
  const LintSettings settings = settings_from(config, o.findings.selected, o.findings.ignored,
                                              o.findings.failure_threshold, true);
  std::vector<OutputSpec> specs = o.findings.outputs;
  if (specs.empty()) specs = config.formats;
  if (specs.empty()) specs.push_back({"tty", ""});
  LintReports lint_reports(specs, !o.report_file.empty());

  // What a run killed before it could clean up left behind goes first.
  for (const auto& line : reap_stale_jobs())
    std::fprintf(stderr, "sagelint: removed what an earlier run left: %s\n",
                 printable(line).c_str());

  // 1. The request: read, flags on top, validated as a whole.
  std::string request_target = o.request_file.empty() ? "(run options)" : o.request_file;
  request::Request req = default_request(o.image);
  if (!o.request_file.empty()) {
    auto parsed = request::parse_request(read_text(o.request_file));
    if (!parsed.ok()) throw Failure{kExitUnavailable, o.request_file + ": " + parsed.error};
    req = std::move(*parsed.request);
  }
  std::map<std::string, std::string> input_dirs, output_dirs;
  apply_flags(req, o, input_dirs, output_dirs);
  for (const auto& [local, host] : input_dirs) {
    std::error_code ec;
    if (!fs::is_directory(host, ec))
      throw Failure{kExitUnavailable, "--input " + host + ": not a readable directory"};
  }

  // 2. The image's config.
  JobGuard guard(runtime_name, o.keep);
  const fs::path& work_dir = guard.work_dir();
  if (o.userns) {
    check_reachable_by_others(work_dir);
    ::chmod(work_dir.c_str(), 0711);
  }
  image::ImageConfig image_config;
  image::ImageView view;
  fs::path rootfs = work_dir / "rootfs";
  if (docker_image) {
    try {
      image_config = DockerRuntime::inspect_image(daemon_name(o.image));
    } catch (const RuntimeError& e) {
      throw Failure{kExitUnavailable, e.what()};
    }
    view.source = o.image;
    view.config = image_config;
  } else {
    // Only the config is needed here; unpack_rootfs verifies the layers as it goes.
    registry::SourceOptions source;
    source.registry = registry_options(o);
    source.read.verify = false;
    source.read.read_layers = false;
    if (!o.platform.empty()) source.read.platform = o.platform;
    auto read = registry::read_image_target(o.image, source);
    if (auto* err = std::get_if<image::ReadError>(&read))
      throw Failure{kExitUnavailable, o.image + ": " + err->message};
    view = std::move(std::get<image::ImageView>(read));
    image_config = view.config;
  }
  timer.mark("image");
  // The SMJ rules judge the request with its image (SMJ010/SMJ011 need it), as `lint
  // --image-for-request` does; the config's ignores and overrides apply.
  // SMJ012 asks for the image's files only when the config leaves the answer open (no
  // CUDA_VERSION, or a driver too old: is the forward-compatibility package there?); the
  // layers are then read once, listed without their contents.
  std::optional<image::ImageView> files_view;
  bool files_tried = false;
  auto image_files = [&]() -> const image::ImageView* {
    if (!files_tried) {
      files_tried = true;
      registry::SourceOptions source;
      source.registry = registry_options(o);
      if (!o.platform.empty()) source.read.platform = o.platform;
      auto read = registry::read_image_target(o.image, source);
      if (auto* v = std::get_if<image::ImageView>(&read))
        files_view = std::move(*v);
      else
        std::fprintf(stderr, "sagelint: %s: %s\n", printable(o.image).c_str(),
                     printable(std::get<image::ReadError>(read).message).c_str());
    }
    return files_view ? &*files_view : nullptr;
  };
  LintResults results{lint_request_model(request_target, req, &view, settings, image_files)};
  if (results[0].error) throw Failure{kExitUnavailable, request_target + ": " + *results[0].error};
  // What every way out of here reports: the job report, then the lint reports.
  auto all_findings = [&] {
    auto out = nlohmann::ordered_json::array();
    for (const auto& r : results)
      for (const auto& f : r.findings) out.push_back(finding_to_json(f));
    return out;
  };
  auto finish = [&](const ReportInput& in, int code) {
    report.write(report_text(job_report(in)));
    if (!lint_reports.write(results, "")) return kExitUsage;
    for (const auto& r : results)
      if (fails_threshold(r)) code = kExitFailed;
    return code;
  };

  JobSpec job = job_from_request(req, input_dirs, output_dirs);
  job.stop_after_seconds = stop_after;
  job.stop_signal = *stop_signal;
  job.stop_grace_seconds = stop_grace;
  job.network = o.network == "private" ? NetworkMode::private_network
                : o.network == "host"  ? NetworkMode::host
                                       : NetworkMode::none;
  // SageMaker would give such a job no network at all: the machine's own is the opposite.
  if (job.network == NetworkMode::host && job.network_config.is_object() &&
      job.network_config.value("EnableNetworkIsolation", false))
    throw Failure{kExitUsage,
                  "--network host: the request sets NetworkConfig.EnableNetworkIsolation; "
                  "drop one of them"};
  job.keep = o.keep;
  job.user_namespace = o.userns;
  if (auto why = check_output_destinations(job); !why.empty()) throw Failure{kExitUsage, why};

  // An error the config did not ignore or lower is what the service would reject.
  bool blocking = false;
  for (const auto& f : results[0].findings) blocking = blocking || f.severity == Severity::error;
  ResolvedCommand command = resolve_command(image_config, job.entrypoint, job.arguments);
  auto stopped_before_start = [&](int sig, const char* phase) {
    std::string reason = "Interrupted: sagelint received " + std::string(signal_name(sig)) + " " +
                         phase + "; nothing was run";
    std::fprintf(stderr, "sagelint: %s\n", reason.c_str());
    return finish({job, runtime_name, command.argv.empty() ? nullptr : &command, nullptr,
                   all_findings(), "Stopped", reason},
                  kExitFailed);
  };
  if (blocking || command.argv.empty()) {
    std::string reason = blocking
                             ? "ValidationException: the request breaks the CreateProcessingJob "
                               "contract (see Findings); nothing was run"
                             : "ClientError: no command specified: no ContainerEntrypoint, and the "
                               "image has neither Entrypoint nor Cmd";
    std::fprintf(stderr, "sagelint: %s\n", reason.c_str());
    return finish({job, runtime_name, command.argv.empty() ? nullptr : &command, nullptr,
                   all_findings(), "Failed", reason},
                  kExitFailed);
  }
  std::fprintf(stderr, "sagelint: command (%s): %s\n",
               std::string(to_string(command.which)).c_str(),
               printable(quote_argv(command.argv)).c_str());
  if (!image_config.stop_signal.empty())
    std::fprintf(
        stderr,
        "sagelint: the image's StopSignal %s is not what SageMaker sends; stopping with %s\n",
        printable(image_config.stop_signal).c_str(),
        std::string(signal_name(job.stop_signal)).c_str());
  for (const auto& in : job.inputs) {
    if (in.echo.contains("S3Input") && in.echo["S3Input"].value("S3InputMode", "") == "Pipe")
      std::fprintf(stderr, "sagelint: input %s asks for Pipe mode; it is given as files at %s\n",
                   in.name.c_str(), in.local_path.c_str());
    if (!in.host_dir)
      std::fprintf(stderr, "sagelint: input %s has no --input HOST_DIR:%s; it starts empty\n",
                   in.name.c_str(), in.local_path.c_str());
  }
  if (int sig = signals.interrupted()) return stopped_before_start(sig, "before the job started");

  // 3. The runtime.
  std::unique_ptr<Runtime> runtime;
  if (runtime_name == "docker") {
    runtime = std::make_unique<DockerRuntime>(daemon_name(o.image));
  } else {
    image::UnpackOptions unpack;
    if (!o.platform.empty()) unpack.read.platform = o.platform;
    unpack.cancelled = [] { return SignalPipe::pending(); };
    if (o.userns) {
      unpack.id_base = kUsernsHostBase;
      unpack.id_range = kUsernsSize;
    }
    if (auto err =
            registry::unpack_image_target(o.image, rootfs.string(), unpack, registry_options(o))) {
      if (int sig = signals.interrupted())
        return stopped_before_start(sig, "while unpacking the image");
      throw Failure{kExitUnavailable, o.image + ": " + *err};
    }
    if (o.userns) ::chmod(rootfs.c_str(), 0755);
    runtime = std::make_unique<RuncRuntime>(rootfs);
    timer.mark("unpack");
  }
  if (int sig = signals.interrupted()) return stopped_before_start(sig, "before the job started");

  ContainerTemplate tmpl;
  tmpl.argv = command.argv;
  tmpl.env = merge_environment(image_config.env, job.environment);
  tmpl.working_dir = image_config.working_dir;
  tmpl.user = image_config.user;
  JobResult result;
  try {
    result = run_job(job, tmpl, *runtime, work_dir, signals);
  } catch (const RuntimeError& e) {
    throw Failure{kExitUnavailable, e.what()};
  } catch (const std::runtime_error& e) {
    throw Failure{kExitUnavailable, e.what()};
  }
  runtime.reset();
  timer.mark("job");

  // SMP030.. judge what the job was observed doing.
  results.push_back(lint_run(result.observed, settings));
  if (results.back().error) throw Failure{kExitUnavailable, *results.back().error};
  std::fprintf(stderr, "sagelint: %s%s%s\n", std::string(to_string(result.status)).c_str(),
               result.failure_reason.empty() ? "" : ": ", printable(result.failure_reason).c_str());
  // The job's own status decides first: Failed or Stopped is exit 1 whatever the findings.
  return finish({job, runtime_name, &command, &result, all_findings(), "", ""},
                result.status == JobStatus::completed ? kExitOk : kExitFailed);
}

}  // namespace

int run_main(int argc, char** argv) {
  CLI::App app{"Run IMAGE as a local SageMaker Processing smoke-test job", "sagelint run"};
  RunOptions o;
  app.add_option("IMAGE", o.image,
                 "image archive, OCI layout, docker://HOST/REPO[:TAG] (runc), or "
                 "docker-daemon:NAME (docker)");
  auto* creds = app.add_option("--creds", o.creds, "USER[:PASSWORD] for a docker:// registry");
  app.add_option("--authfile", o.authfile, "registry credentials file");
  app.add_option("--cert-dir", o.cert_dir, "CA certificates (*.crt) for a registry");
  app.add_flag("--tls-verify{true}", o.tls_verify, "verify the registry's TLS certificate");
  app.add_option("--platform", o.platform, "OS/ARCH[/VARIANT] of a multi-platform image");
  app.add_option("--request", o.request_file, "CreateProcessingJob request JSON");
  app.add_option("--entrypoint", o.entrypoint_json, "ContainerEntrypoint as a JSON array");
  app.add_option("--arguments", o.arguments_json, "ContainerArguments as a JSON array");
  app.add_option("--env", o.env, "K=V added to the job's Environment (repeatable)");
  app.add_option("--input", o.inputs, "HOST_DIR:LOCAL_PATH (repeatable)");
  app.add_option("--output", o.outputs, "LOCAL_PATH:HOST_DIR (repeatable)");
  app.add_option("--instance-count", o.instance_count, "number of hosts");
  app.add_option("--instance-type", o.instance_type, "ml.* instance type");
  app.add_option("--max-runtime", o.max_runtime, "StoppingCondition.MaxRuntimeInSeconds");
  app.add_option("--stop-after", o.stop_after, "stop the job after SECONDS (StopProcessingJob)");
  app.add_option("--stop-signal", o.stop_signal, "SIGTERM (default) or SIGINT");
  app.add_option("--stop-grace", o.stop_grace, "seconds between the stop signal and SIGKILL (120)");
  app.add_option("--runtime", o.runtime, "runc or docker")
      ->check(CLI::IsMember({"runc", "docker"}));
  app.add_option("--network", o.network,
                 "none (default), private (the hosts reach each other only) or host (this "
                 "machine's network, loopback included: trusted images only)")
      ->check(CLI::IsMember({"none", "private", "host"}));
  app.add_option("--report", o.report_file, "write the JSON report here instead of stdout");
  app.add_flag("--keep", o.keep, "keep the temporary directory (config, outputs) for inspection");
  app.add_flag("--userns", o.userns,
               "runc: run container root as an unprivileged host user (a user namespace)");
  app.add_flag("--cleanup", o.cleanup,
               "remove the containers, mounts and directories of runs that were killed, and exit");
  add_finding_options(app, o.finding_text,
                      ".sagelint.yaml/.yml found upward from the working directory");
  try {
    app.parse(argc, argv);
    o.creds_given = creds->count() > 0;
    o.findings = finish_finding_options(o.finding_text);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "sagelint run: %s\n", e.what());
    return kExitUsage;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "sagelint run: %s\n", e.message.c_str());
    return kExitUsage;
  }
  if (o.cleanup) {
    auto removed = reap_stale_jobs();
    for (const auto& line : removed) std::printf("removed %s\n", printable(line).c_str());
    std::fprintf(stderr, "sagelint: %zu left-over item(s) removed\n", removed.size());
    return std::fflush(stdout) == 0 ? kExitOk : kExitUnavailable;
  }
  if (o.image.empty()) {
    std::fprintf(stderr, "sagelint run: IMAGE is required\n");
    return kExitUsage;
  }
  PhaseTimer timer;
  try {
    int code = run(o, timer);
    timer.mark("cleanup");
    return code;
  } catch (const Failure& f) {
    std::fflush(stdout);
    std::fprintf(stderr, "sagelint run: %s\n", f.message.c_str());
    return f.code;
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "sagelint run: %s\n", e.what());
    return kExitUnavailable;
  }
}

}  // namespace sagelint::lint

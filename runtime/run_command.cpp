// `sagelint run`: options -> request -> validation -> image -> command -> job -> report.
#include "runtime/run_command.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "image/unpack.hpp"
#include "image/view.hpp"
#include "request/model.hpp"
#include "rules/rule.hpp"
#include "runtime/command.hpp"
#include "runtime/docker_runtime.hpp"
#include "runtime/job.hpp"
#include "runtime/job_request.hpp"
#include "runtime/report.hpp"
#include "runtime/runc_runtime.hpp"
#include "runtime/signal_names.hpp"
#include "runtime/signal_pipe.hpp"

namespace sagelint::runtime {

namespace {

namespace fs = std::filesystem;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitUnavailable = 3;

struct RunOptions {
  std::string image;
  std::string request_file;
  std::string entrypoint_json, arguments_json;
  std::vector<std::string> env, inputs, outputs;
  std::optional<int> instance_count;
  std::string instance_type;
  std::optional<int> max_runtime;
  std::optional<double> stop_after;
  std::string stop_signal = "SIGTERM";
  double stop_grace = 120;
  std::string runtime, network = "none", report_file;
  bool keep = false;
};

// A one-line error for the user, with the exit code it leads to.
struct Failure {
  int code;
  std::string message;
};

std::optional<Argv> parse_argv_json(const std::string& flag, const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_array())
    throw Failure{kExitUsage, flag + " must be a JSON array of strings, got: " + text};
  Argv out;
  for (const auto& v : j) {
    if (!v.is_string())
      throw Failure{kExitUsage, flag + " must be a JSON array of strings, got: " + text};
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Failure{kExitUnavailable, path + ": cannot be read"};
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
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
  if (o.max_runtime) {
    if (!r.stopping_condition) {
      r.stopping_condition.emplace();
      r.stopping_condition->pointer = "/StoppingCondition";
    }
    r.stopping_condition->max_runtime_in_seconds = *o.max_runtime;
  }
}

ImageConfig from_image_view(const image::ImageConfig& c) {
  ImageConfig out;
  out.entrypoint = c.entrypoint;
  out.cmd = c.cmd;
  out.env = c.env;
  out.user = c.user;
  out.working_dir = c.working_dir;
  out.stop_signal = c.stop_signal;
  return out;
}

image::ImageConfig to_image_view(const ImageConfig& c) {
  image::ImageConfig out;
  out.entrypoint = c.entrypoint;
  out.cmd = c.cmd;
  out.env = c.env;
  out.user = c.user;
  out.working_dir = c.working_dir;
  out.stop_signal = c.stop_signal;
  return out;
}

// SMJ010/SMJ011 need the image: asked of the registry's rules, as `lint
// --image-for-request` does.
std::vector<Finding> request_image_findings(const request::Request& r, const image::ImageView& view,
                                            const std::string& target) {
  std::vector<Finding> out;
  for (const char* id : {"SMJ010", "SMJ011"}) {
    const rules::Rule* rule = rules::find_rule(id);
    if (!rule) continue;
    rules::Reporter reporter(rule->info(), target, TargetKind::request,
                             [&](Finding f) { out.push_back(std::move(f)); });
    rules::RequestContext ctx{r, &view, nullptr};
    rule->check(ctx, reporter);
  }
  return out;
}

void emit_report(const nlohmann::ordered_json& report, const std::string& file) {
  std::string text = report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (file.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return;
  }
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw Failure{kExitUnavailable, file + ": cannot write the report"};
}

void print_findings(const std::vector<Finding>& findings) {
  for (const auto& f : findings) {
    std::string where = f.pointer ? " [" + *f.pointer + "]" : f.path ? " [" + *f.path + "]" : "";
    std::fprintf(stderr, "%s: %s: %s: %s%s\n", f.target.c_str(),
                 std::string(to_string(f.severity)).c_str(), f.rule.c_str(), f.message.c_str(),
                 where.c_str());
  }
}

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

struct WorkDir {
  fs::path path;
  bool keep = false;
  WorkDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::string base = (tmp && *tmp) ? tmp : "/tmp";
    std::string tmpl = base + "/sagelint-run-XXXXXX";
    if (!mkdtemp(tmpl.data()))
      throw Failure{kExitUnavailable, "cannot create a temporary directory under " + base};
    path = tmpl;
  }
  ~WorkDir() {
    if (keep) {
      std::fprintf(stderr, "sagelint: kept %s\n", path.c_str());
      return;
    }
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

int run(const RunOptions& o, PhaseTimer& timer) {
  SignalPipe signals;  // from here on, SIGINT/SIGTERM lead to the cleanup path

  const bool docker_image = o.image.starts_with("docker:");
  std::string runtime_name = o.runtime.empty() ? (docker_image ? "docker" : "runc") : o.runtime;
  if (runtime_name == "docker" && !docker_image)
    throw Failure{kExitUsage, "--runtime docker runs images by name: use docker:NAME"};
  if (runtime_name == "runc" && docker_image)
    throw Failure{kExitUsage,
                  "--runtime runc needs an image archive or OCI layout, not " + o.image};
  auto stop_signal = signal_from_name(o.stop_signal);
  if (!stop_signal || (*stop_signal != SIGTERM && *stop_signal != SIGINT))
    throw Failure{kExitUsage, "--stop-signal must be SIGTERM or SIGINT, got " + o.stop_signal};
  if (o.stop_grace < 0) throw Failure{kExitUsage, "--stop-grace must not be negative"};
  if (o.stop_after && *o.stop_after < 0)
    throw Failure{kExitUsage, "--stop-after must not be negative"};

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
  std::vector<Finding> findings;
  for (const rules::Rule* rule : rules::all_rules()) {  // the SMJ rules of the request alone
    rules::Reporter reporter(rule->info(), request_target, TargetKind::request,
                             [&](Finding f) { findings.push_back(std::move(f)); });
    rule->check(rules::RequestContext{req, nullptr, nullptr}, reporter);
  }
  for (const auto& [local, host] : input_dirs) {
    std::error_code ec;
    if (!fs::is_directory(host, ec))
      throw Failure{kExitUnavailable, "--input " + host + ": not a readable directory"};
  }

  // 2. The image's config.
  WorkDir work;
  work.keep = o.keep;
  ImageConfig image_config;
  image::ImageView view;
  fs::path rootfs = work.path / "rootfs";
  if (docker_image) {
    try {
      image_config = DockerRuntime::inspect_image(o.image.substr(7));
    } catch (const RuntimeError& e) {
      throw Failure{kExitUnavailable, e.what()};
    }
    view.source = o.image;
    view.config = to_image_view(image_config);
  } else {
    // Only the config is needed here; unpack_rootfs verifies the layers as it goes.
    image::ReadOptions read_options;
    read_options.verify = false;
    auto read = image::read_image(o.image, read_options);
    if (auto* err = std::get_if<image::ReadError>(&read))
      throw Failure{kExitUnavailable, o.image + ": " + err->message};
    view = std::move(std::get<image::ImageView>(read));
    image_config = from_image_view(view.config);
  }
  timer.mark("image");
  auto with_image = request_image_findings(req, view, request_target);
  findings.insert(findings.end(), with_image.begin(), with_image.end());

  JobSpec job = job_from_request(req, input_dirs, output_dirs);
  job.stop_after_seconds = o.stop_after;
  job.stop_signal = *stop_signal;
  job.stop_grace_seconds = o.stop_grace;
  job.network = o.network == "private" ? NetworkMode::private_network : NetworkMode::none;
  job.keep = o.keep;

  bool blocking = false;
  for (const auto& f : findings) blocking = blocking || f.severity == Severity::error;
  ResolvedCommand command = resolve_command(image_config, job.entrypoint, job.arguments);
  if (blocking || command.argv.empty()) {
    print_findings(findings);
    std::string reason = blocking
                             ? "ValidationException: the request breaks the CreateProcessingJob "
                               "contract (see Findings); nothing was run"
                             : "ClientError: no command specified: no ContainerEntrypoint, and the "
                               "image has neither Entrypoint nor Cmd";
    std::fprintf(stderr, "sagelint: %s\n", reason.c_str());
    emit_report(job_report({job, runtime_name, command.argv.empty() ? nullptr : &command, nullptr,
                            findings, "Failed", reason}),
                o.report_file);
    return kExitFailed;
  }
  std::fprintf(stderr, "sagelint: command (%s): %s\n",
               std::string(to_string(command.which)).c_str(), quote_argv(command.argv).c_str());
  if (!image_config.stop_signal.empty())
    std::fprintf(
        stderr,
        "sagelint: the image's StopSignal %s is not what SageMaker sends; stopping with %s\n",
        image_config.stop_signal.c_str(), std::string(signal_name(job.stop_signal)).c_str());
  for (const auto& in : job.inputs) {
    if (in.echo.contains("S3Input") && in.echo["S3Input"].value("S3InputMode", "") == "Pipe")
      std::fprintf(stderr, "sagelint: input %s asks for Pipe mode; it is given as files at %s\n",
                   in.name.c_str(), in.local_path.c_str());
    if (!in.host_dir)
      std::fprintf(stderr, "sagelint: input %s has no --input HOST_DIR:%s; it starts empty\n",
                   in.name.c_str(), in.local_path.c_str());
  }

  // 3. The runtime.
  std::unique_ptr<Runtime> runtime;
  if (runtime_name == "docker") {
    runtime = std::make_unique<DockerRuntime>(o.image.substr(7));
  } else {
    if (auto err = image::unpack_rootfs(o.image, rootfs.string()))
      throw Failure{kExitUnavailable, o.image + ": " + *err};
    runtime = std::make_unique<RuncRuntime>(rootfs);
    timer.mark("unpack");
  }
  if (int sig = signals.interrupted()) {
    std::fprintf(stderr, "sagelint: got %s before the job started; nothing was run\n",
                 std::string(signal_name(sig)).c_str());
    return kExitFailed;
  }

  ContainerTemplate tmpl;
  tmpl.argv = command.argv;
  tmpl.env = merge_environment(image_config.env, job.environment);
  tmpl.working_dir = image_config.working_dir;
  tmpl.user = image_config.user;
  JobResult result;
  try {
    result = run_job(job, tmpl, *runtime, work.path, signals);
  } catch (const RuntimeError& e) {
    throw Failure{kExitUnavailable, e.what()};
  } catch (const std::runtime_error& e) {
    throw Failure{kExitUnavailable, e.what()};
  }
  runtime.reset();
  timer.mark("job");

  print_findings(findings);
  print_findings(result.findings);
  std::fprintf(stderr, "sagelint: %s%s%s\n", std::string(to_string(result.status)).c_str(),
               result.failure_reason.empty() ? "" : ": ", result.failure_reason.c_str());
  emit_report(job_report({job, runtime_name, &command, &result, findings, "", ""}), o.report_file);

  bool dynamic_finding = !result.findings.empty();
  return result.status == JobStatus::completed && !dynamic_finding ? kExitOk : kExitFailed;
}

}  // namespace

int run_main(int argc, char** argv) {
  CLI::App app{"Run IMAGE as a local SageMaker Processing smoke-test job", "sagelint run"};
  RunOptions o;
  app.add_option("IMAGE", o.image, "image archive, OCI layout, or docker:NAME")->required();
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
  app.add_option("--network", o.network, "none (default) or private")
      ->check(CLI::IsMember({"none", "private"}));
  app.add_option("--report", o.report_file, "write the JSON report here instead of stdout");
  app.add_flag("--keep", o.keep, "keep the temporary directory (config, outputs) for inspection");
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "sagelint run: %s\n", e.what());
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

}  // namespace sagelint::runtime

// `sagelint run` end to end: the built binary runs busybox images on real runc (image
// archives written by the fixture builder) and on the private dockerd (docker:NAME),
// and nothing is left behind, also when sagelint is interrupted.
#include <doctest/doctest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "e2e_support.hpp"
#include "tests/support/image_recipe.hpp"
#include "tests/support/skip.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
namespace fx = sagelint::fixtures;

std::string busybox() {
  for (const char* p : {"/bin/busybox", "/usr/bin/busybox"})
    if (fs::exists(p)) return p;
  return "";
}

std::string why_not_runc() {
  if (geteuid() != 0) return "runc needs root";
  if (system("runc --version >/dev/null 2>&1") != 0) return "runc is not installed";
  if (busybox().empty()) return "busybox-static is not installed";
  return "";
}

// A docker-save archive of busybox with the given config (Entrypoint, Cmd, Env, ...).
std::string write_busybox_image(const e2e::TempDir& dir, const std::string& name, json config) {
  fx::ImageSpec image = fx::image_recipe("busybox", {{"busybox", busybox()}});
  image.config = std::move(config);
  image.tags = {"sagelint-test/" + name + ":latest"};
  fx::ArchiveSpec spec;
  spec.images.push_back(image);
  spec.shape = fx::Shape::docker_oci;
  std::string path = (dir.path() / (name + ".tar")).string();
  fx::write_archive(spec, path);
  return path;
}

json report_of(const e2e::Result& r) {
  auto j = json::parse(r.out, nullptr, false);
  if (j.is_discarded()) FAIL_CHECK("report is not JSON: " << r.out << "\nstderr: " << r.err);
  return j;
}

std::vector<std::string> rules_of(const json& report) {
  std::vector<std::string> out;
  for (const auto& f : report["Findings"]) out.push_back(f["rule"]);
  return out;
}

// Nothing of sagelint's is left: its temporary directory is empty and nothing is
// mounted below it.
void check_nothing_left(const e2e::TempDir& dir) {
  fs::path tmp = dir.path() / ".io" / "tmp";
  std::vector<std::string> left;
  if (fs::exists(tmp))
    for (const auto& e : fs::directory_iterator(tmp)) left.push_back(e.path().filename().string());
  CHECK_MESSAGE(left.empty(), "left in TMPDIR: " << (left.empty() ? "" : left[0]));
  std::string mounts = e2e::read_text("/proc/self/mountinfo");
  CHECK_MESSAGE(mounts.find(dir.path().string()) == std::string::npos,
                "a mount is left below the test dir");
}

struct Guard {
  Guard() { alarm(600); }  // hang guard
  ~Guard() { alarm(0); }
};

}  // namespace

TEST_CASE("run: usage errors and unreadable images") {
  e2e::TempDir dir;
  auto bad_json = e2e::run(dir, {"run", "img.tar", "--entrypoint", "not json"});
  CHECK(bad_json.code == 2);
  CHECK(bad_json.err.find("--entrypoint") != std::string::npos);
  CHECK(e2e::run(dir, {"run", "img.tar", "--stop-signal", "SIGHUP"}).code == 2);
  CHECK(e2e::run(dir, {"run", "img.tar", "--runtime", "podman"}).code == 2);
  auto missing = e2e::run(dir, {"run", (dir.path() / "missing.tar").string()});
  CHECK(missing.code == 3);
  CHECK(missing.err.find("missing.tar") != std::string::npos);
  auto no_engine = e2e::run(
      dir, {"run", "docker:whatever"},
      {"", std::nullopt, {{"DOCKER_HOST", "unix://" + (dir.path() / "no.sock").string()}}});
  CHECK(no_engine.code == 3);
  check_nothing_left(dir);
}

TEST_SUITE_BEGIN("needs-runc");

TEST_CASE("run: an invalid request stops the job before anything runs") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image =
      write_busybox_image(dir, "plain", {{"Entrypoint", {"/bin/sh", "-c", "touch /tmp/ran"}}});
  auto request = dir.write("job.json", R"({
    "ProcessingJobName": "bad_name",
    "RoleArn": "arn:aws:iam::123456789012:role/r",
    "AppSpecification": {"ImageUri": "img"},
    "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 5}},
    "ProcessingInputs": [{"InputName": "in", "S3Input": {"S3Uri": "s3://b/k", "LocalPath": "/data", "S3DataType": "S3Prefix"}}]
  })");
  auto r = e2e::run(dir, {"run", image, "--request", request});
  CHECK(r.code == 1);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Failed");
  CHECK(rep["Hosts"].empty());
  auto rules = rules_of(rep);
  CHECK(std::count(rules.begin(), rules.end(), "SMJ001") >= 1);
  CHECK(std::count(rules.begin(), rules.end(), "SMJ002") == 1);
  CHECK(r.err.find("algo-1 |") == std::string::npos);
  check_nothing_left(dir);
}

TEST_CASE("run: --network host against a request that isolates the job is a usage error") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_busybox_image(dir, "isolated", {{"Entrypoint", {"/bin/sh", "-c", "true"}}});
  auto request = dir.write("job.json", R"({
    "ProcessingJobName": "isolated",
    "RoleArn": "arn:aws:iam::123456789012:role/r",
    "AppSpecification": {"ImageUri": "img"},
    "ProcessingResources": {"ClusterConfig": {"InstanceCount": 1, "InstanceType": "ml.m5.large", "VolumeSizeInGB": 5}},
    "NetworkConfig": {"EnableNetworkIsolation": true}
  })");
  auto r = e2e::run(dir, {"run", image, "--request", request, "--network", "host"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--network host: the request sets NetworkConfig.EnableNetworkIsolation") !=
        std::string::npos);
  CHECK(r.err.find("algo-1 |") == std::string::npos);
  CHECK(e2e::run(dir, {"run", image, "--request", request}).code == 0);
  check_nothing_left(dir);
}

TEST_CASE("run on runc: the four command cases, printed and reported") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_busybox_image(
      dir, "cases", {{"Entrypoint", {"/bin/echo", "image-ep"}}, {"Cmd", {"image-cmd"}}});
  struct Case {
    std::vector<std::string> flags;
    std::vector<std::string> argv;
  };
  const Case cases[] = {
      {{}, {"/bin/echo", "image-ep", "image-cmd"}},
      {{"--entrypoint", R"(["/bin/echo","job-ep"])"}, {"/bin/echo", "job-ep"}},
      {{"--arguments", R"(["job-arg"])"}, {"/bin/echo", "image-ep", "job-arg"}},
      {{"--entrypoint", R"(["/bin/echo","job-ep"])", "--arguments", R"(["job-arg"])"},
       {"/bin/echo", "job-ep", "job-arg"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"run", image};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    auto r = e2e::run(dir, args);
    CAPTURE(r.err);
    CHECK(r.code == 0);
    auto rep = report_of(r);
    CHECK(rep["ResolvedCommand"] == json(c.argv));
    CHECK(rep["ProcessingJobStatus"] == "Completed");
    std::string joined;
    for (size_t i = 1; i < c.argv.size(); ++i) joined += (i > 1 ? " " : "") + c.argv[i];
    CHECK(r.err.find("algo-1 | " + joined + "\n") != std::string::npos);
    CHECK(r.err.find("/bin/echo " + c.argv[1]) != std::string::npos);  // the printed argv
  }
  check_nothing_left(dir);
}

TEST_CASE("run on runc: inputs, outputs, config files, env, exit code, report file") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_busybox_image(dir, "io", {{"Env", {"FROM_IMAGE=image", "BOTH=image"}}});
  dir.write("in/data.csv", "1,2\n");
  auto r = e2e::run(
      dir,
      {"run", image, "--entrypoint",
       R"(["/bin/sh","-c","cat /opt/ml/processing/input/data/data.csv > /opt/ml/processing/output/copy.csv; cp /opt/ml/config/*.json /opt/ml/processing/output/; echo $FROM_IMAGE $BOTH > /opt/ml/processing/output/env; printf done > /opt/ml/output/message; exit 9"])",
       "--env", "BOTH=job", "--input",
       (dir.path() / "in").string() + ":/opt/ml/processing/input/data", "--output",
       "/opt/ml/processing/output:" + (dir.path() / "out").string(), "--instance-type",
       "ml.c5.xlarge", "--max-runtime", "300", "--report", (dir.path() / "report.json").string()});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  auto rep = json::parse(e2e::read_text(dir.path() / "report.json"));
  CHECK(rep["ProcessingJobStatus"] == "Failed");
  CHECK(rep["ExitMessage"] == "done");
  CHECK(rep["FailureReason"].get<std::string>().find("exited with code 9") != std::string::npos);
  CHECK(rep["Hosts"][0]["ExitCode"] == 9);
  CHECK(rep["StoppingCondition"]["MaxRuntimeInSeconds"] == 300);
  CHECK(e2e::read_text(dir.path() / "out/copy.csv") == "1,2\n");
  CHECK(e2e::read_text(dir.path() / "out/env") == "image job\n");
  auto pc = json::parse(e2e::read_text(dir.path() / "out/processingjobconfig.json"));
  CHECK(pc["ProcessingJobArn"] == rep["ProcessingJobArn"]);
  CHECK(pc["ProcessingInputs"][0]["S3Input"]["LocalPath"] == "/opt/ml/processing/input/data");
  CHECK(pc["ProcessingInputs"][0]["S3Input"]["S3DownloadMode"] == "StartOfJob");
  CHECK(pc["ProcessingOutputConfig"]["Outputs"][0]["S3Output"]["S3UploadMode"] == "EndOfJob");
  CHECK(pc["ProcessingResources"]["ClusterConfig"]["InstanceType"] == "ml.c5.xlarge");
  CHECK(pc["Environment"]["BOTH"] == "job");
  auto rc = json::parse(e2e::read_text(dir.path() / "out/resourceconfig.json"));
  CHECK(rc["current_host"] == "algo-1");
  CHECK(rc["hosts"] == json({"algo-1"}));
  check_nothing_left(dir);
}

TEST_CASE(
    "run on runc: shell-form ENTRYPOINT ignoring SIGTERM is Stopped, needs the kill, SMP030") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_busybox_image(
      dir, "shellform", {{"Entrypoint", {"/bin/sh", "-c", "trap \"\" TERM; sleep 1000"}}});
  auto r = e2e::run(dir, {"run", image, "--stop-after", "1", "--stop-grace", "1"});
  CHECK(r.code == 1);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Stopped");
  CHECK(rep["Hosts"][0]["NeededKill"] == true);
  CHECK(rep["Hosts"][0]["StoppedBy"] == "StopAfter");
  CHECK(rep["Hosts"][0]["Signal"] == "SIGKILL");
  CHECK(rules_of(rep) == std::vector<std::string>{"SMP030"});
  check_nothing_left(dir);
}

TEST_CASE("run on runc: MaxRuntimeInSeconds, 3 hosts with one failing, UTF-8, symlinks") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_busybox_image(dir, "multi", {{"Cmd", {"/bin/sh"}}});
  {
    auto r =
        e2e::run(dir, {"run", image, "--entrypoint",
                       R"(["/bin/sh","-c","trap 'exit 143' TERM; while true; do sleep 0.1; done"])",
                       "--max-runtime", "1"});
    auto rep = report_of(r);
    CHECK(r.code == 1);
    CHECK(rep["ProcessingJobStatus"] == "Stopped");
    CHECK(rep["FailureReason"].get<std::string>().find("MaxRuntimeExceeded") == 0);
    CHECK(rep["Hosts"][0]["NeededKill"] == false);
    CHECK(rep["Hosts"][0]["ExitCode"] == 143);
  }
  {
    auto r = e2e::run(
        dir,
        {"run", image, "--instance-count", "3", "--entrypoint",
         R"(["/bin/sh","-c","trap 'exit 143' TERM; [ $(hostname) = algo-3 ] && exit 2; while true; do sleep 0.1; done"])"});
    auto rep = report_of(r);
    CHECK(r.code == 1);
    CHECK(rep["ProcessingJobStatus"] == "Failed");
    CHECK(rep["Hosts"].size() == 3);
    CHECK(rep["Hosts"][2]["ExitCode"] == 2);
    CHECK(rep["Hosts"][0]["StoppedBy"] == "PeerFailure");
    CHECK(rep["Hosts"][1]["StoppedBy"] == "PeerFailure");
  }
  {
    auto r = e2e::run(dir, {"run", image, "--entrypoint",
                            R"(["/bin/sh","-c","printf '\\377' > /opt/ml/output/message"])"});
    auto rep = report_of(r);
    CHECK(r.code == 1);
    CHECK(rep["ProcessingJobStatus"] == "Failed");
    CHECK(rep["FailureReason"].get<std::string>().find("ClientError") == 0);
    CHECK(rules_of(rep) == std::vector<std::string>{"SMP031"});
  }
  {
    auto r = e2e::run(
        dir,
        {"run", image, "--output", "/opt/ml/processing/out:" + (dir.path() / "o").string(),
         "--entrypoint",
         R"(["/bin/sh","-c","echo x > /opt/ml/processing/out/f; ln -s f /opt/ml/processing/out/l"])"});
    auto rep = report_of(r);
    CHECK(r.code == 1);  // Completed, but a dynamic finding
    CHECK(rep["ProcessingJobStatus"] == "Completed");
    CHECK(rules_of(rep) == std::vector<std::string>{"SMP032"});
    CHECK(fs::exists(dir.path() / "o" / "f"));
    CHECK_FALSE(fs::exists(fs::symlink_status(dir.path() / "o" / "l")));
  }
  check_nothing_left(dir);
}

TEST_CASE("run on runc: configured like lint (.sagelint.yaml, -t, -f FMT[=PATH], --ignore)") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  // A job that completes but leaves a symlink in its output: SMP032, a warning.
  auto image = write_busybox_image(
      dir, "linked",
      {{"Entrypoint",
        {"/bin/sh", "-c", "echo x > /opt/ml/processing/out/f; ln -s f /opt/ml/processing/out/l"}}});
  int n = 0;
  auto run_with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "run", image, "--output",
        "/opt/ml/processing/out:" + (dir.path() / ("o" + std::to_string(++n))).string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return e2e::run(dir, args);
  };
  {  // found upward from the working directory: `ignored` applies to run's findings
    fs::create_directories(dir.path() / "sub");
    dir.write(".sagelint.yaml", "ignored: [SMP032]\n");
    e2e::RunOptions in_sub;
    in_sub.cwd = (dir.path() / "sub").string();
    auto r = e2e::run(
        dir,
        {"run", image, "--output", "/opt/ml/processing/out:" + (dir.path() / "o-cfg").string()},
        in_sub);
    CAPTURE(r.err);
    CHECK(r.code == 0);
    auto rep = report_of(r);
    CHECK(rep["ProcessingJobStatus"] == "Completed");
    CHECK(rules_of(rep).empty());
    fs::remove(dir.path() / ".sagelint.yaml");
  }
  {  // -c FILE with an override to info, and no threshold crossed
    auto cfg = dir.write("cfg.yaml", "override:\n  info: [SMP032]\n");
    auto r = run_with({"-c", cfg});
    CHECK(r.code == 0);
    auto rep = report_of(r);
    REQUIRE(rules_of(rep) == std::vector<std::string>{"SMP032"});
    CHECK(rep["Findings"][0]["severity"] == "info");
  }
  {  // -t error: the warning is reported and does not fail the run
    auto r = run_with({"-t", "error"});
    CHECK(r.code == 0);
    CHECK(rules_of(report_of(r)) == std::vector<std::string>{"SMP032"});
    CHECK(r.err.find("SMP032") != std::string::npos);  // the default tty report, on stderr
  }
  {  // -f sarif=PATH beside the job report; -f json to stdout once --report takes the job's
    auto sarif = dir.path() / "run.sarif";
    auto job_report = dir.path() / "job.json";
    auto r =
        run_with({"-f", "sarif=" + sarif.string(), "-f", "json", "--report", job_report.string()});
    CAPTURE(r.err);
    CHECK(r.code == 1);
    auto lint_json = json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(lint_json.is_discarded());
    REQUIRE(lint_json["findings"].size() == 1);
    CHECK(lint_json["findings"][0]["rule"] == "SMP032");
    CHECK(lint_json["findings"][0]["path"] == "/opt/ml/processing/out/l");
    auto sarif_doc = json::parse(e2e::read_text(sarif), nullptr, false);
    REQUIRE_FALSE(sarif_doc.is_discarded());
    REQUIRE(sarif_doc["runs"][0]["results"].size() == 1);
    CHECK(sarif_doc["runs"][0]["results"][0]["ruleId"] == "SMP032");
    auto job = json::parse(e2e::read_text(job_report), nullptr, false);
    CHECK(rules_of(job) == std::vector<std::string>{"SMP032"});
  }
  {  // --ignore and --select on the command line; a bad config is exit 2 before any run
    CHECK(run_with({"--ignore", "smp032"}).code == 0);
    CHECK(run_with({"--select", "SMJ001"}).code == 0);
    auto bad = dir.write("bad.yaml", "ignored: [SMP999]\n");
    auto r = run_with({"-c", bad});
    CHECK(r.code == 2);
    CHECK(r.err.find("SMP999") != std::string::npos);
    CHECK(r.err.find("algo-1 |") == std::string::npos);
    CHECK(run_with({"-f", "yaml"}).code == 2);
  }
  check_nothing_left(dir);
}

namespace {

// True when some process's command line contains `text`.
bool process_running(const std::string& text) {
  for (const auto& e : fs::directory_iterator("/proc")) {
    std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string cmdline = e2e::read_text(e.path() / "cmdline");
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.find(text) != std::string::npos) return true;
  }
  return false;
}

// Starts sagelint, waits until `ready` shows in its stderr, sends `sig`, waits for it.
e2e::Result interrupt_mid_job(const e2e::TempDir& dir, const std::vector<std::string>& args,
                              const std::string& ready, int sig,
                              const std::map<std::string, std::string>& env = {}) {
  fs::path io = dir.path() / ".io";
  fs::path tmp = io / "tmp";
  fs::create_directories(tmp);
  fs::path out = io / "int-out", err = io / "int-err";
  pid_t pid = fork();
  if (pid == 0) {
    int o = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int n = open("/dev/null", O_RDONLY);
    dup2(n, 0);
    dup2(o, 1);
    dup2(e, 2);
    setenv("TMPDIR", tmp.c_str(), 1);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<std::string> store{e2e::sagelint_binary()};
    store.insert(store.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : store) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  for (int i = 0; i < 600 && e2e::read_text(err).find(ready) == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  kill(pid, sig);
  int status = 0;
  waitpid(pid, &status, 0);
  e2e::Result r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = e2e::read_text(out);
  r.err = e2e::read_text(err);
  return r;
}

}  // namespace

TEST_CASE("run on runc: SMJ012 judges the image's files as lint --image-for-request does") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  const json cuda_config = {{"Entrypoint", {"/bin/sh", "-c", "exit 0"}},
                            {"Env", {"PATH=/bin", "CUDA_VERSION=12.2.0"}}};
  auto plain = write_busybox_image(dir, "cuda", cuda_config);
  // The same image with the CUDA forward-compatibility library in a layer of its own:
  // only a read of the layers can tell the two apart.
  fx::ImageSpec compat = fx::image_recipe("busybox", {{"busybox", busybox()}});
  compat.config = cuda_config;
  compat.tags = {"sagelint-test/compat:latest"};
  fx::LayerSpec layer;
  layer.entries = {fx::Dir("usr/local/cuda-12.2/compat"),
                   fx::File("usr/local/cuda-12.2/compat/libcuda.so.535.104.05", "ELF")};
  layer.created_by = "RUN apt-get install -y cuda-compat-12-2 # buildkit";
  compat.layers.push_back(layer);
  fx::ArchiveSpec spec;
  spec.images.push_back(compat);
  spec.shape = fx::Shape::docker_oci;
  const std::string with_compat = (dir.path() / "compat.tar").string();
  fx::write_archive(spec, with_compat);

  auto run_on = [&](const std::string& image, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"run", image, "--instance-type", "ml.p3.2xlarge"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = e2e::run(dir, args);
    CAPTURE(image);
    CAPTURE(r.err);
    auto rep = report_of(r);
    CHECK(rep["ProcessingJobStatus"] == "Completed");
    return std::make_pair(r.code, rules_of(rep));
  };
  auto [code, rules] = run_on(plain);
  CHECK(rules == std::vector<std::string>{"SMJ012"});  // driver 470 is too old for CUDA 12
  CHECK(code == 1);                                    // a warning fails the default threshold
  auto [compat_code, compat_rules] = run_on(with_compat);
  CHECK(compat_rules.empty());
  CHECK(compat_code == 0);
  auto [ignored_code, ignored_rules] = run_on(plain, {"--ignore", "SMJ012"});
  CHECK(ignored_rules.empty());
  CHECK(ignored_code == 0);
  check_nothing_left(dir);
}

TEST_CASE("run on runc: SIGINT to sagelint mid-job leaves nothing behind") {
  SKIP_IF_MISSING("runc", why_not_runc());
  Guard g;
  e2e::TempDir dir;
  auto image = write_busybox_image(
      dir, "interrupt", {{"Cmd", {"/bin/sh", "-c", "trap '' TERM INT; echo started; sleep 1000"}}});
  auto r = interrupt_mid_job(dir, {"run", image, "--instance-count", "2", "--network", "private"},
                             "algo-2 | started", SIGINT);
  CAPTURE(r.err);
  CHECK(r.code == 1);
  auto rep = report_of(r);
  CHECK(rep["ProcessingJobStatus"] == "Stopped");
  CHECK(rep["Hosts"][0]["StoppedBy"] == "Interrupted");
  check_nothing_left(dir);
  // No runc container of the job survives anywhere (its state dir is gone with TMPDIR),
  // and no process still runs its command.
  CHECK_FALSE(process_running("echo started; sleep 1000"));
}

TEST_SUITE_END();

TEST_SUITE_BEGIN("needs-dockerd");

TEST_CASE("run on docker: docker:NAME, four-case default, SIGINT leaves no container or network") {
  const char* host = std::getenv("SAGELINT_TEST_DOCKER_HOST");
  SKIP_IF_MISSING(
      "dockerd",
      !host || !*host
          ? "SAGELINT_TEST_DOCKER_HOST is unset (scripts/test.sh starts a private dockerd)"
      : busybox().empty() ? "busybox-static is not installed"
                          : "");
  Guard g;
  e2e::TempDir dir;
  std::map<std::string, std::string> env = {{"DOCKER_HOST", host}};
  // A build context holding /bin/busybox, imported as an image by the private dockerd.
  fs::create_directories(dir.path() / "ctx/bin");
  fs::copy_file(busybox(), dir.path() / "ctx/bin/busybox");
  fs::create_symlink("busybox", dir.path() / "ctx/bin/sh");
  fs::create_symlink("busybox", dir.path() / "ctx/bin/sleep");
  fs::create_symlink("busybox", dir.path() / "ctx/bin/echo");
  std::string import = "DOCKER_HOST=" + std::string(host) + " sh -c \"tar -C '" +
                       (dir.path() / "ctx").string() +
                       "' -c . | docker import --change 'ENTRYPOINT [\\\"/bin/echo\\\", "
                       "\\\"from-docker\\\"]' - sagelint-test/e2e-busybox:1\" >/dev/null";
  REQUIRE(system(import.c_str()) == 0);
  auto ok =
      e2e::run(dir, {"run", "docker:sagelint-test/e2e-busybox:1", "--arguments", R"(["arg"])"},
               {"", std::nullopt, env});
  CAPTURE(ok.err);
  CHECK(ok.code == 0);
  CHECK(ok.err.find("algo-1 | from-docker arg\n") != std::string::npos);
  CHECK(report_of(ok)["Runtime"] == "docker");

  auto r = interrupt_mid_job(
      dir,
      {"run", "docker:sagelint-test/e2e-busybox:1", "--network", "private", "--instance-count", "2",
       "--entrypoint", R"(["/bin/sh","-c","trap '' TERM INT; echo started; sleep 1000"])"},
      "algo-2 | started", SIGINT, env);
  CHECK(r.code == 1);
  CHECK(report_of(r)["ProcessingJobStatus"] == "Stopped");
  std::string ps =
      "DOCKER_HOST=" + std::string(host) + " docker ps -aq --filter label=sagelint.job";
  std::string nets =
      "DOCKER_HOST=" + std::string(host) + " docker network ls -q --filter label=sagelint.job";
  FILE* p = popen((ps + "; " + nets).c_str(), "r");
  char buf[256] = {0};
  size_t n = p ? fread(buf, 1, sizeof buf - 1, p) : 0;
  if (p) pclose(p);
  CHECK_MESSAGE(n == 0, "left on the engine: " << buf);
  check_nothing_left(dir);
}

TEST_SUITE_END();

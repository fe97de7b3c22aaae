#include "runtime/job_layout.hpp"

#include <doctest/doctest.h>
#include <stdlib.h>

#include <algorithm>
#include <fstream>
#include <sstream>

using namespace sagelint::runtime;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "sagelint-layout-test-XXXXXX").string();
    path = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

JobSpec sample_job() {
  JobSpec job;
  job.name = "my-job";
  job.image_uri = "busybox.tar";
  job.environment = {{"MODE", "fast"}};
  job.instance_count = 3;
  job.instance_type = "ml.c5.xlarge";
  job.max_runtime_seconds = 600;
  ChannelSpec in;
  in.name = "input-1";
  in.local_path = "/opt/ml/processing/input/data";
  in.echo = {{"InputName", "input-1"},
             {"S3Input",
              {{"LocalPath", in.local_path},
               {"S3Uri", "s3://bucket/data"},
               {"S3DataDistributionType", "FullyReplicated"},
               {"S3DataType", "S3Prefix"},
               {"S3InputMode", "File"},
               {"S3CompressionType", "None"},
               {"S3DownloadMode", "StartOfJob"}}}};
  job.inputs.push_back(in);
  return job;
}

}  // namespace

TEST_CASE("processingjobconfig.json has the documented structure, nulls for absent members") {
  auto c = processing_job_config(sample_job());
  std::vector<std::string> keys;
  for (auto it = c.begin(); it != c.end(); ++it) keys.push_back(it.key());
  CHECK(keys == std::vector<std::string>{"ProcessingJobArn", "ProcessingJobName",
                                         "AppSpecification", "Environment", "ProcessingInputs",
                                         "ProcessingOutputConfig", "ProcessingResources", "RoleArn",
                                         "StoppingCondition"});
  CHECK(c["ProcessingJobArn"] == "arn:aws:sagemaker:local:000000000000:processing-job/my-job");
  CHECK(c["AppSpecification"]["ContainerEntrypoint"].is_null());
  CHECK(c["AppSpecification"]["ContainerArguments"].is_null());
  CHECK(c["Environment"]["MODE"] == "fast");
  CHECK(c["ProcessingInputs"][0]["S3Input"]["S3DownloadMode"] == "StartOfJob");
  CHECK(c["ProcessingOutputConfig"].is_null());
  CHECK(c["ProcessingResources"]["ClusterConfig"]["InstanceType"] == "ml.c5.xlarge");
  CHECK(c["ProcessingResources"]["ClusterConfig"]["VolumeKmsKeyId"].is_null());
  CHECK(c["StoppingCondition"]["MaxRuntimeInSeconds"] == 600);
}

TEST_CASE("resourceconfig.json: current host, sorted hosts, interface, instance type") {
  JobSpec job = sample_job();
  job.instance_count = 11;
  auto r = resource_config(job, 1, "eth0");
  CHECK(r["current_host"] == "algo-2");
  CHECK(r["hosts"].size() == 11);
  CHECK(r["hosts"][0] == "algo-1");
  CHECK(r["hosts"][1] == "algo-10");  // lexicographic, as SageMaker documents
  CHECK(r["network_interface_name"] == "eth0");
  CHECK(r["current_instance_type"] == "ml.c5.xlarge");
}

TEST_CASE("create_job_layout: per-host config, empty output, copied inputs, empty outputs") {
  TempDir work;
  TempDir source;
  fs::create_directories(source.path / "sub");
  std::ofstream(source.path / "sub" / "a.csv") << "1,2\n";
  JobSpec job = sample_job();
  job.inputs[0].host_dir = source.path.string();
  ChannelSpec out;
  out.name = "result";
  out.local_path = "/opt/ml/processing/output";
  job.outputs.push_back(out);
  auto layout = create_job_layout(job, work.path, "lo");
  REQUIRE(layout.hosts.size() == 3);
  for (int i = 0; i < 3; ++i) {
    const auto& h = layout.hosts[static_cast<size_t>(i)];
    CHECK(h.host == host_name(i));
    auto rc = nlohmann::json::parse(slurp(h.root / "config" / "resourceconfig.json"));
    CHECK(rc["current_host"] == h.host);
    auto pc = nlohmann::json::parse(slurp(h.root / "config" / "processingjobconfig.json"));
    CHECK(pc["ProcessingJobName"] == "my-job");
    CHECK(fs::is_empty(h.output_dir));
    CHECK(slurp(h.root / "inputs" / "0" / "sub" / "a.csv") == "1,2\n");
    CHECK(fs::is_empty(h.output_dirs.at(0)));
    std::vector<std::string> destinations;
    for (const auto& m : h.mounts) destinations.push_back(m.destination);
    CHECK(destinations == std::vector<std::string>{"/opt/ml/config", "/opt/ml/output",
                                                   "/opt/ml/processing/output",
                                                   "/opt/ml/processing/input/data"});
  }
  // Inputs are copies: a host's writes do not reach the user's directory or the others.
  std::ofstream(layout.hosts[0].root / "inputs" / "0" / "sub" / "a.csv") << "changed";
  CHECK(slurp(source.path / "sub" / "a.csv") == "1,2\n");
  CHECK(slurp(layout.hosts[1].root / "inputs" / "0" / "sub" / "a.csv") == "1,2\n");
}

TEST_CASE("/etc/hosts per network mode; --network host also gets a copy of resolv.conf") {
  const auto destinations = [](NetworkMode mode, bool mount_hosts_file) {
    TempDir work;
    JobSpec job = sample_job();
    job.instance_count = 2;
    job.network = mode;
    auto layout = create_job_layout(job, work.path, "lo", mount_hosts_file);
    std::vector<std::string> etc;
    for (const auto& m : layout.hosts.at(1).mounts)
      if (m.destination.rfind("/etc/", 0) == 0) {
        etc.push_back(m.destination);
        CHECK(m.source.rfind(work.path.string(), 0) == 0);  // a copy, never the machine's file
      }
    if (mode != NetworkMode::none && mount_hosts_file)
      CHECK(slurp(layout.hosts.at(1).root / "hosts").find("127.0.0.3\talgo-2\t# this host") !=
            std::string::npos);
    return etc;
  };
  using V = std::vector<std::string>;
  CHECK(destinations(NetworkMode::none, true).empty());
  CHECK(destinations(NetworkMode::private_network, true) == V{"/etc/hosts"});
  CHECK(destinations(NetworkMode::host, true) == V{"/etc/hosts", "/etc/resolv.conf"});
  CHECK(destinations(NetworkMode::host, false).empty());  // Docker writes its own
}

TEST_CASE("a missing input directory fails the layout, naming the host, the input and why") {
  TempDir work;
  JobSpec job = sample_job();
  job.inputs[0].host_dir = (work.path / "nope").string();
  auto layout = create_job_layout(job, work.path, "lo");
  REQUIRE(layout.input_failure.has_value());
  CHECK(layout.input_failure->find("algo-1: /opt/ml/processing/input/data") == 0);
  CHECK(layout.input_failure->find((work.path / "nope").string()) != std::string::npos);
  CHECK(layout.input_failure->find("No such file") != std::string::npos);
}

TEST_CASE("copy_outputs_back copies files, skips and reports symlinks") {
  TempDir work;
  TempDir dest;
  JobSpec job = sample_job();
  job.instance_count = 2;
  ChannelSpec out;
  out.name = "result";
  out.local_path = "/opt/ml/processing/output";
  out.host_dir = (dest.path / "out").string();
  job.outputs.push_back(out);
  auto layout = create_job_layout(job, work.path, "lo");
  fs::create_directories(layout.hosts[0].output_dirs[0] / "d");
  std::ofstream(layout.hosts[0].output_dirs[0] / "d" / "r.txt") << "from algo-1";
  std::ofstream(layout.hosts[1].output_dirs[0] / "s.txt") << "from algo-2";
  fs::create_symlink("/etc/passwd", layout.hosts[1].output_dirs[0] / "link");
  auto copy = copy_outputs_back(job, layout);
  CHECK(copy.failures.empty());
  auto& links = copy.symlinks;
  CHECK(slurp(dest.path / "out" / "d" / "r.txt") == "from algo-1");
  CHECK(slurp(dest.path / "out" / "s.txt") == "from algo-2");
  CHECK_FALSE(fs::exists(fs::symlink_status(dest.path / "out" / "link")));
  REQUIRE(links.size() == 1);
  CHECK(links[0].path == "/opt/ml/processing/output/link");
  CHECK(links[0].host == "algo-2");
  CHECK(links[0].detail == "-> /etc/passwd");
  CHECK(links[0].output_name == job.outputs[0].name);
}

TEST_CASE("hosts file maps every algo-N in the shared network namespace") {
  JobSpec job = sample_job();
  auto h = hosts_file(job, 0);
  CHECK(h.find("127.0.0.2\talgo-1") != std::string::npos);
  CHECK(h.find("127.0.0.4\talgo-3") != std::string::npos);
}

TEST_CASE("ShardedByS3Key: each host gets a disjoint share of the input files") {
  TempDir work;
  TempDir source;
  for (const char* f : {"a", "b", "c", "d", "e"}) std::ofstream(source.path / f) << f;
  JobSpec job = sample_job();
  job.instance_count = 2;
  job.inputs[0].host_dir = source.path.string();
  job.inputs[0].echo["S3Input"]["S3DataDistributionType"] = "ShardedByS3Key";
  auto layout = create_job_layout(job, work.path, "lo");
  auto names = [](const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(names(layout.hosts[0].root / "inputs" / "0") == std::vector<std::string>{"a", "c", "e"});
  CHECK(names(layout.hosts[1].root / "inputs" / "0") == std::vector<std::string>{"b", "d"});
}

#include "runtime/job_layout.hpp"

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>

namespace sagelint::runtime {

namespace fs = std::filesystem;

std::string host_name(int index) { return "algo-" + std::to_string(index + 1); }

namespace {

nlohmann::ordered_json optional_argv(const std::optional<Argv>& argv) {
  if (!argv) return nullptr;
  return *argv;
}

nlohmann::ordered_json optional_string(const std::optional<std::string>& s) {
  if (!s) return nullptr;
  return *s;
}

void write_file(const fs::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

void create_dirs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
}

void copy_input(const std::string& from, const fs::path& to) {
  std::error_code ec;
  auto status = fs::status(from, ec);
  if (ec || !fs::is_directory(status))
    throw std::runtime_error("input directory " + from + " cannot be read: " +
                             (ec ? ec.message() : std::string("not a directory")));
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec) throw std::runtime_error("cannot copy input " + from + ": " + ec.message());
}

bool sharded(const ChannelSpec& in) {
  const auto& e = in.echo;
  for (const char* source : {"S3Input", "DatasetDefinition"}) {
    if (!e.is_object() || !e.contains(source)) continue;
    const auto& s = e[source];
    for (const char* key : {"S3DataDistributionType", "DataDistributionType"})
      if (s.contains(key) && s[key] == "ShardedByS3Key") return true;
  }
  return false;
}

// ShardedByS3Key gives each host a disjoint subset of the objects; here the files,
// in path order, go to host (index mod host count). An approximation: S3 shards by
// object key in the service's own way.
void copy_input_shard(const std::string& from, const fs::path& to, int host, int hosts) {
  std::error_code ec;
  if (!fs::is_directory(from, ec))
    throw std::runtime_error("input directory " + from + " cannot be read: not a directory");
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(from, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path().lexically_relative(from));
  if (ec) throw std::runtime_error("cannot read input " + from + ": " + ec.message());
  std::sort(files.begin(), files.end());
  create_dirs(to);
  for (size_t i = static_cast<size_t>(host); i < files.size(); i += static_cast<size_t>(hosts)) {
    create_dirs((to / files[i]).parent_path());
    fs::copy_file(fs::path(from) / files[i], to / files[i], ec);
    if (ec)
      throw std::runtime_error("cannot copy input " + (fs::path(from) / files[i]).string() + ": " +
                               ec.message());
  }
}

}  // namespace

nlohmann::ordered_json processing_job_config(const JobSpec& job) {
  nlohmann::ordered_json c;
  c["ProcessingJobArn"] = job.arn();
  c["ProcessingJobName"] = job.name;
  c["AppSpecification"] = {{"ImageUri", job.image_uri},
                           {"ContainerEntrypoint", optional_argv(job.entrypoint)},
                           {"ContainerArguments", optional_argv(job.arguments)}};
  c["Environment"] = nlohmann::ordered_json::object();
  for (const auto& [k, v] : job.environment) c["Environment"][k] = v;
  c["ProcessingInputs"] = nlohmann::ordered_json::array();
  for (const auto& in : job.inputs) c["ProcessingInputs"].push_back(in.echo);
  if (job.outputs.empty() && !job.output_kms_key) {
    c["ProcessingOutputConfig"] = nullptr;
  } else {
    nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
    for (const auto& out : job.outputs) outputs.push_back(out.echo);
    c["ProcessingOutputConfig"] = {{"Outputs", outputs},
                                   {"KmsKeyId", optional_string(job.output_kms_key)}};
  }
  c["ProcessingResources"] = {{"ClusterConfig",
                               {{"InstanceCount", job.instance_count},
                                {"InstanceType", job.instance_type},
                                {"VolumeSizeInGB", job.volume_size_gb},
                                {"VolumeKmsKeyId", optional_string(job.volume_kms_key)}}}};
  if (!job.network_config.is_null()) c["NetworkConfig"] = job.network_config;
  c["RoleArn"] = job.role_arn;
  c["StoppingCondition"] = {{"MaxRuntimeInSeconds", job.max_runtime_seconds}};
  return c;
}

nlohmann::ordered_json resource_config(const JobSpec& job, int host_index,
                                       const std::string& network_interface) {
  nlohmann::ordered_json hosts = nlohmann::ordered_json::array();
  std::vector<std::string> names;
  for (int i = 0; i < job.instance_count; ++i) names.push_back(host_name(i));
  // "sorted lexicographically", as the training docs say: algo-10 before algo-2.
  std::sort(names.begin(), names.end());
  for (const auto& n : names) hosts.push_back(n);
  return {{"current_host", host_name(host_index)},
          {"hosts", hosts},
          {"network_interface_name", network_interface},
          {"current_instance_type", job.instance_type}};
}

std::string hosts_file(const JobSpec& job, int host_index) {
  std::string out = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";
  for (int i = 0; i < job.instance_count; ++i) {
    out += "127.0.0." + std::to_string(i + 2) + "\t" + host_name(i);
    if (i == host_index) out += "\t# this host";
    out += "\n";
  }
  return out;
}

JobLayout create_job_layout(const JobSpec& job, const fs::path& work_dir,
                            const std::string& network_interface, bool mount_hosts_file) {
  JobLayout layout;
  for (int i = 0; i < job.instance_count; ++i) {
    HostLayout h;
    h.host = host_name(i);
    h.root = work_dir / "hosts" / h.host;
    fs::path config = h.root / "config";
    h.output_dir = h.root / "output";
    create_dirs(config);
    create_dirs(h.output_dir);
    write_file(config / "processingjobconfig.json", processing_job_config(job).dump(4) + "\n");
    write_file(config / "resourceconfig.json",
               resource_config(job, i, network_interface).dump(4) + "\n");
    h.mounts.push_back({config.string(), "/opt/ml/config", false});
    h.mounts.push_back({h.output_dir.string(), "/opt/ml/output", false});
    if (job.network == NetworkMode::private_network && mount_hosts_file) {
      fs::path hosts = h.root / "hosts";
      write_file(hosts, hosts_file(job, i));
      h.mounts.push_back({hosts.string(), "/etc/hosts", false});
    }
    for (size_t k = 0; k < job.inputs.size(); ++k) {
      fs::path dir = h.root / "inputs" / std::to_string(k);
      if (job.inputs[k].host_dir && sharded(job.inputs[k])) {
        copy_input_shard(*job.inputs[k].host_dir, dir, i, job.instance_count);
      } else if (job.inputs[k].host_dir) {
        create_dirs(dir.parent_path());
        copy_input(*job.inputs[k].host_dir, dir);
      } else {
        create_dirs(dir);
      }
      h.mounts.push_back({dir.string(), job.inputs[k].local_path, false});
    }
    for (size_t k = 0; k < job.outputs.size(); ++k) {
      fs::path dir = h.root / "outputs" / std::to_string(k);
      create_dirs(dir);
      h.output_dirs.push_back(dir);
      h.mounts.push_back({dir.string(), job.outputs[k].local_path, false});
    }
    // A mount over a parent would hide one below it: shorter destinations first.
    std::stable_sort(h.mounts.begin(), h.mounts.end(), [](const Mount& a, const Mount& b) {
      return a.destination.size() < b.destination.size();
    });
    layout.hosts.push_back(std::move(h));
  }
  return layout;
}

std::vector<Finding> copy_outputs_back(const JobSpec& job, const JobLayout& layout) {
  std::vector<Finding> findings;
  for (size_t k = 0; k < job.outputs.size(); ++k) {
    const auto& out = job.outputs[k];
    for (const auto& h : layout.hosts) {
      if (k >= h.output_dirs.size()) continue;
      const fs::path& from = h.output_dirs[k];
      std::error_code ec;
      std::optional<fs::path> to;
      if (out.host_dir) {
        to = fs::path(*out.host_dir);
        fs::create_directories(*to, ec);
      }
      auto it = fs::recursive_directory_iterator(from, fs::directory_options::none, ec);
      for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const auto& entry = *it;
        std::error_code entry_ec;  // one bad entry must not end the walk
        fs::path rel = entry.path().lexically_relative(from);
        std::string in_container = (fs::path(out.local_path) / rel).lexically_normal().string();
        if (entry.is_symlink(entry_ec)) {
          Finding f;
          f.rule = "SMP032";
          f.severity = Severity::warning;
          f.kind = TargetKind::image;
          f.target = job.image_uri;
          f.path = in_container;
          std::string link = fs::read_symlink(entry.path(), entry_ec).string();
          f.message = h.host + ": symlink " + in_container + " -> " + link + " in output " +
                      out.name + " is not uploaded (SageMaker does not follow symlinks)";
          findings.push_back(std::move(f));
          continue;
        }
        if (!to) continue;
        fs::path target = *to / rel;
        if (entry.is_directory(entry_ec)) {
          fs::create_directories(target, entry_ec);
        } else if (entry.is_regular_file(entry_ec)) {
          fs::create_directories(target.parent_path(), entry_ec);
          fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing, entry_ec);
        }
      }
    }
  }
  return findings;
}

}  // namespace sagelint::runtime

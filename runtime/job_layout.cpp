#include "runtime/job_layout.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "image/hostfs.hpp"

namespace sagelint::runtime {

namespace fs = std::filesystem;
using hostfs::UniqueFd;

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

// This machine's resolver configuration, for --network host; "" (the resolver's defaults)
// when there is none. It is the machine's own file, read once, at most 64 KiB of it.
std::string host_resolv_conf() {
  std::ifstream in("/etc/resolv.conf", std::ios::binary);
  std::string text(std::size_t{64} * 1024, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

void create_dirs(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create " + dir.string() + ": " + ec.message());
}

// Directories the container writes to belong to its root (the mapped one with --userns).
void own(const fs::path& p, const HostLimits& limits) {
  if (limits.userns) (void)::lchown(p.c_str(), limits.userns->host_id, limits.userns->host_id);
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

// A path inside the tree copied at local_path, as the container sees it.
std::string in_container(const std::string& local_path, const std::string& rel) {
  if (rel.empty()) return local_path;
  return (fs::path(local_path) / rel).lexically_normal().string();
}

FileNote file_note(const char* phase, const std::string& local_path, const EntryNote& n) {
  return {phase, std::string(to_string(n.action)), in_container(local_path, n.path), n.detail};
}

TreeCopyOptions copy_options(const CopyControl& control) {
  TreeCopyOptions o;
  o.cancelled = control.cancelled;
  if (control.limits.userns)
    o.owner = std::make_pair(static_cast<uid_t>(control.limits.userns->host_id),
                             static_cast<gid_t>(control.limits.userns->host_id));
  return o;
}

// One input into one host: links stay links (never their targets), every other
// non-regular file is dropped and noted; ShardedByS3Key gives each host a disjoint
// subset of the files, in path order, host (index mod host count). An approximation: S3
// shards by object key in the service's own way.
void copy_input(const ChannelSpec& in, const fs::path& to, int host, int hosts,
                const CopyControl& control, CopyBudget& budget, HostLayout& h, JobLayout& layout) {
  const std::string& from = *in.host_dir;
  UniqueFd src(::open(from.c_str(), O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC));
  if (!src) {
    layout.input_failure = h.host + ": " + in.local_path + ": input directory " + from +
                           " cannot be read: " + hostfs::errno_text();
    return;
  }
  create_dirs(to);
  own(to, control.limits);
  UniqueFd dst(::open(to.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dst) throw std::runtime_error("cannot open " + to.string() + ": " + hostfs::errno_text());
  TreeCopyOptions o = copy_options(control);
  o.keep_symlinks = true;
  if (sharded(in)) {
    o.shard_index = static_cast<std::size_t>(host);
    o.shard_count = static_cast<std::size_t>(hosts);
  }
  auto r = copy_tree(src.get(), dst.get(), o, budget);
  for (const auto& n : r.notes) h.notes.push_back(file_note("Input", in.local_path, n));
  if (r.interrupted) {
    layout.interrupted = true;
  } else if (r.error) {
    std::string why = r.over_budget ? "the inputs exceed VolumeSizeInGB (" +
                                          std::to_string(control.limits.volume_bytes >> 30) + " GB)"
                                    : *r.error;
    layout.input_failure = h.host + ": " + in_container(in.local_path, r.error_path) + ": " + why;
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
                            const std::string& network_interface, bool mount_hosts_file,
                            const CopyControl& control) {
  JobLayout layout;
  for (int i = 0; i < job.instance_count; ++i) {
    HostLayout h;
    h.host = host_name(i);
    h.root = work_dir / "hosts" / h.host;
    fs::path config = h.root / "config";
    h.output_dir = h.root / "output";
    create_dirs(config);
    create_dirs(h.output_dir);
    own(h.output_dir, control.limits);
    write_file(config / "processingjobconfig.json", processing_job_config(job).dump(4) + "\n");
    write_file(config / "resourceconfig.json",
               resource_config(job, i, network_interface).dump(4) + "\n");
    h.mounts.push_back({config.string(), "/opt/ml/config", false});
    h.mounts.push_back({h.output_dir.string(), "/opt/ml/output", false});
    if (job.network != NetworkMode::none && mount_hosts_file) {
      fs::path hosts = h.root / "hosts";
      write_file(hosts, hosts_file(job, i));
      h.mounts.push_back({hosts.string(), "/etc/hosts", false});
    }
    if (job.network == NetworkMode::host && mount_hosts_file) {
      // As `docker run --network host`: names resolve as on this machine. A copy, so
      // that the container cannot write to the machine's own file.
      fs::path resolv = h.root / "resolv.conf";
      write_file(resolv, host_resolv_conf());
      h.mounts.push_back({resolv.string(), "/etc/resolv.conf", false});
    }
    CopyBudget budget{control.limits.volume_bytes ? control.limits.volume_bytes : UINT64_MAX, 0};
    for (size_t k = 0; k < job.inputs.size(); ++k) {
      fs::path dir = h.root / "inputs" / std::to_string(k);
      if (job.inputs[k].host_dir && !layout.input_failure && !layout.interrupted) {
        create_dirs(dir.parent_path());
        copy_input(job.inputs[k], dir, i, job.instance_count, control, budget, h, layout);
      }
      create_dirs(dir);
      own(dir, control.limits);
      h.mounts.push_back({dir.string(), job.inputs[k].local_path, false});
    }
    for (size_t k = 0; k < job.outputs.size(); ++k) {
      fs::path dir = h.root / "outputs" / std::to_string(k);
      create_dirs(dir);
      own(dir, control.limits);
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

namespace {

// The directory the outputs are gathered in: next to the host directory, created here,
// renamed onto it only when complete.
struct Staging {
  fs::path final_path;
  fs::path path;
  UniqueFd fd;
};

std::optional<std::string> make_staging(const fs::path& host_dir, Staging& s) {
  s.final_path = host_dir;
  fs::path parent = host_dir.parent_path();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) return "cannot create " + parent.string() + ": " + ec.message();
  std::string tmpl = (parent / ("." + host_dir.filename().string() + ".sagelint-XXXXXX")).string();
  if (!mkdtemp(tmpl.data()))
    return "cannot create a directory in " + parent.string() + ": " + hostfs::errno_text();
  s.path = tmpl;
  s.fd.reset(::open(s.path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!s.fd) return "cannot open " + s.path.string() + ": " + hostfs::errno_text();
  return std::nullopt;
}

}  // namespace

OutputCopy copy_outputs_back(const JobSpec& job, const JobLayout& layout,
                             const CopyControl& control) {
  OutputCopy result;
  result.notes.resize(layout.hosts.size());
  std::vector<CopyBudget> budgets(
      layout.hosts.size(),
      CopyBudget{control.limits.volume_bytes ? control.limits.volume_bytes : UINT64_MAX, 0});
  for (size_t k = 0; k < job.outputs.size() && !result.interrupted; ++k) {
    const auto& out = job.outputs[k];
    std::optional<Staging> staging;
    std::optional<std::string> failed;
    if (out.host_dir) {
      staging.emplace();
      if (auto err = make_staging(fs::path(*out.host_dir), *staging)) {
        result.failures.push_back(out.local_path + ": " + *err);
        staging.reset();
        continue;
      }
    }
    for (size_t hi = 0; hi < layout.hosts.size() && !failed && !result.interrupted; ++hi) {
      const auto& h = layout.hosts[hi];
      if (k >= h.output_dirs.size()) continue;
      UniqueFd src(
          ::open(h.output_dirs[k].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!src) {
        failed = h.host + ": " + out.local_path + ": " + hostfs::errno_text();
        break;
      }
      TreeCopyOptions o = copy_options(control);
      o.owner.reset();  // the user's copy belongs to whoever runs sagelint
      o.keep_symlinks = false;
      o.merge = true;
      o.scan_only = !staging;
      auto r = copy_tree(src.get(), staging ? staging->fd.get() : -1, o, budgets[hi]);
      for (const auto& n : r.notes) {
        result.notes[hi].push_back(file_note("Output", out.local_path, n));
        if (n.action != EntryNote::Action::symlink_skipped) continue;
        result.symlinks.push_back(
            {h.host, out.name, in_container(out.local_path, n.path), n.detail});
      }
      if (r.interrupted) {
        result.interrupted = true;
      } else if (r.error) {
        std::string why = r.over_budget
                              ? "the outputs of " + h.host + " exceed VolumeSizeInGB (" +
                                    std::to_string(control.limits.volume_bytes >> 30) + " GB)"
                              : *r.error;
        failed = h.host + ": " + in_container(out.local_path, r.error_path) + ": " + why;
        result.notes[hi].push_back(
            {"Output", "Failed", in_container(out.local_path, r.error_path), why});
      }
    }
    if (!staging) {
      if (failed) result.failures.push_back(*failed);
      continue;
    }
    std::string staged = staging->path.string();
    staging->fd.reset();
    if (!failed && !result.interrupted) {
      ::chmod(staged.c_str(), 0755);
      // rename(2) replaces an empty directory, and nothing else.
      if (::rename(staged.c_str(), staging->final_path.c_str()) != 0)
        failed = out.local_path + ": the outputs cannot be put at " + staging->final_path.string() +
                 ": " +
                 (errno == ENOTEMPTY || errno == EEXIST ? std::string("it is no longer empty")
                                                        : hostfs::errno_text());
    }
    if (failed || result.interrupted) hostfs::remove_tree(staged);
    if (failed) result.failures.push_back(*failed);
  }
  return result;
}

std::string check_output_destinations(const JobSpec& job) {
  std::vector<fs::path> dirs;
  for (const auto& out : job.outputs) {
    if (!out.host_dir) continue;
    fs::path d = fs::path(*out.host_dir).lexically_normal();
    if (d.filename().empty()) d = d.parent_path();
    std::error_code ec;
    auto st = fs::symlink_status(d, ec);
    if (!ec && fs::exists(st)) {
      if (fs::is_symlink(st))
        return "--output " + out.local_path + ":" + d.string() +
               ": is a symlink; name the directory itself";
      if (!fs::is_directory(st))
        return "--output " + out.local_path + ":" + d.string() + ": exists and is not a directory";
      if (!fs::is_empty(d, ec) || ec)
        return "--output " + out.local_path + ":" + d.string() +
               ": is not empty; sagelint writes outputs only into a directory it creates (remove "
               "it or name a new one)";
    }
    for (const auto& other : dirs) {
      auto [a, b] = std::mismatch(other.begin(), other.end(), d.begin(), d.end());
      if (a == other.end() || b == d.end())
        return "--output " + out.local_path + ":" + d.string() +
               ": the host directories of two outputs must not be the same or inside one another "
               "(" +
               other.string() + ")";
    }
    dirs.push_back(d);
  }
  return "";
}

}  // namespace sagelint::runtime

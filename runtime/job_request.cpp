#include "runtime/job_request.hpp"

namespace sagelint::runtime {

namespace {

using oj = nlohmann::ordered_json;

oj opt(const std::optional<std::string>& s) { return s ? oj(*s) : oj(nullptr); }

oj input_echo(const request::ProcessingInput& in) {
  oj e;
  e["InputName"] = in.input_name;
  if (in.app_managed) e["AppManaged"] = true;
  if (in.s3_input) {
    const auto& s = *in.s3_input;
    // The documented example's members, with the service's defaults filled in.
    e["S3Input"] = {
        {"LocalPath", opt(s.local_path)},
        {"S3Uri", s.s3_uri},
        {"S3DataDistributionType", s.s3_data_distribution_type.value_or("FullyReplicated")},
        {"S3DataType", s.s3_data_type},
        {"S3InputMode", s.s3_input_mode.value_or("File")},
        {"S3CompressionType", s.s3_compression_type.value_or("None")},
        {"S3DownloadMode", "StartOfJob"}};
  }
  if (in.dataset_definition) {
    const auto& d = *in.dataset_definition;
    oj def;
    if (d.athena)
      def["AthenaDatasetDefinition"] = {{"Catalog", d.athena->catalog},
                                        {"Database", d.athena->database},
                                        {"QueryString", d.athena->query_string},
                                        {"WorkGroup", opt(d.athena->work_group)},
                                        {"OutputS3Uri", d.athena->output_s3_uri},
                                        {"KmsKeyId", opt(d.athena->kms_key_id)},
                                        {"OutputFormat", d.athena->output_format},
                                        {"OutputCompression", opt(d.athena->output_compression)}};
    if (d.redshift)
      def["RedshiftDatasetDefinition"] = {
          {"ClusterId", d.redshift->cluster_id},
          {"Database", d.redshift->database},
          {"DbUser", d.redshift->db_user},
          {"QueryString", d.redshift->query_string},
          {"ClusterRoleArn", d.redshift->cluster_role_arn},
          {"OutputS3Uri", d.redshift->output_s3_uri},
          {"KmsKeyId", opt(d.redshift->kms_key_id)},
          {"OutputFormat", d.redshift->output_format},
          {"OutputCompression", opt(d.redshift->output_compression)}};
    def["LocalPath"] = opt(d.local_path);
    def["DataDistributionType"] = d.data_distribution_type.value_or("ShardedByS3Key");
    def["InputMode"] = d.input_mode.value_or("File");
    e["DatasetDefinition"] = def;
  }
  return e;
}

oj output_echo(const request::ProcessingOutput& out) {
  oj e;
  e["OutputName"] = out.output_name;
  if (out.app_managed) e["AppManaged"] = true;
  if (out.s3_output)
    e["S3Output"] = {{"LocalPath", opt(out.s3_output->local_path)},
                     {"S3Uri", out.s3_output->s3_uri},
                     {"S3UploadMode", out.s3_output->s3_upload_mode}};
  if (out.feature_store_output)
    e["FeatureStoreOutput"] = {{"FeatureGroupName", out.feature_store_output->feature_group_name}};
  return e;
}

std::optional<std::string> lookup(const std::map<std::string, std::string>& m,
                                  const std::optional<std::string>& key) {
  if (!key) return std::nullopt;
  auto it = m.find(*key);
  if (it == m.end()) return std::nullopt;
  return it->second;
}

}  // namespace

JobSpec job_from_request(const request::Request& r,
                         const std::map<std::string, std::string>& input_dirs,
                         const std::map<std::string, std::string>& output_dirs) {
  JobSpec job;
  job.name = r.processing_job_name;
  job.image_uri = r.app_specification.image_uri;
  job.role_arn = r.role_arn;
  job.entrypoint = r.app_specification.container_entrypoint;
  job.arguments = r.app_specification.container_arguments;
  job.environment = r.environment;
  for (const auto& in : r.processing_inputs) {
    // AppManaged inputs without a LocalPath are the container's own business.
    if (!in.local_path()) continue;
    ChannelSpec c;
    c.name = in.input_name;
    c.local_path = *in.local_path();
    c.host_dir = lookup(input_dirs, in.local_path());
    c.echo = input_echo(in);
    job.inputs.push_back(std::move(c));
  }
  if (r.processing_output_config) {
    job.output_kms_key = r.processing_output_config->kms_key_id;
    for (const auto& out : r.processing_output_config->outputs) {
      ChannelSpec c;
      c.name = out.output_name;
      c.echo = output_echo(out);
      if (!out.local_path()) {
        job.outputs.push_back(std::move(c));
        continue;
      }
      c.local_path = *out.local_path();
      c.host_dir = lookup(output_dirs, out.local_path());
      job.outputs.push_back(std::move(c));
    }
    // Outputs without a LocalPath are echoed but get no directory.
    std::erase_if(job.outputs, [](const ChannelSpec& c) { return c.local_path.empty(); });
  }
  const auto& cc = r.processing_resources.cluster_config;
  job.instance_count = static_cast<int>(cc.instance_count);
  job.instance_type = cc.instance_type;
  job.volume_size_gb = static_cast<int>(cc.volume_size_in_gb);
  job.volume_kms_key = cc.volume_kms_key_id;
  if (r.stopping_condition) {
    job.max_runtime_seconds = static_cast<int>(r.stopping_condition->max_runtime_in_seconds);
    job.max_runtime_given = true;
  }
  if (r.network_config) {
    oj n;
    const auto& nc = *r.network_config;
    if (nc.enable_inter_container_traffic_encryption)
      n["EnableInterContainerTrafficEncryption"] = *nc.enable_inter_container_traffic_encryption;
    if (nc.enable_network_isolation) n["EnableNetworkIsolation"] = *nc.enable_network_isolation;
    if (nc.vpc_config)
      n["VpcConfig"] = {{"SecurityGroupIds", nc.vpc_config->security_group_ids},
                        {"Subnets", nc.vpc_config->subnets}};
    job.network_config = n.is_null() ? oj::object() : n;
  }
  return job;
}

std::vector<std::string> merge_environment(const std::vector<std::string>& image_env,
                                           const std::map<std::string, std::string>& job_env) {
  std::vector<std::string> env = image_env;
  auto key_of = [](const std::string& kv) { return kv.substr(0, kv.find('=')); };
  for (const auto& [k, v] : job_env) {
    bool replaced = false;
    for (auto& e : env)
      if (key_of(e) == k) {
        e = k + "=" + v;
        replaced = true;
      }
    if (!replaced) env.push_back(k + "=" + v);
  }
  bool has_path = false;
  for (const auto& e : env) has_path = has_path || key_of(e) == "PATH";
  if (!has_path)
    env.insert(env.begin(), "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  return env;
}

}  // namespace sagelint::runtime
